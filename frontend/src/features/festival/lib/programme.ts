/**
 * The programme: the live schedule merged from the REST answer and the
 * `event:{slug}:schedule` topic, grouped by festival day and by stage, and what is on each
 * stage now and next by a clock. Pure functions of their arguments (tested in
 * programme.test.ts); times are compared as instants, days are the venue's.
 */
import { festivalDay } from "../../../shared/lib/zone";
import type { IsoDate } from "../../../shared/lib/zone";

export type SetStatus = "scheduled" | "delayed" | "cancelled";

export interface StageRef {
  id: number;
  name: string;
  name_ar?: string;
}

/** One set (a performance) as the schedule lists it; only what this logic reads is required. */
export interface ProgrammeItem {
  id: number;
  title: string;
  stage: StageRef;
  starts_at: string;
  ends_at: string;
  status: SetStatus | string;
}

const byTime = <T extends ProgrammeItem>(a: T, b: T) =>
  Date.parse(a.starts_at) - Date.parse(b.starts_at) ||
  Date.parse(a.ends_at) - Date.parse(b.ends_at) ||
  a.id - b.id;

/** Sets in the order they start (ties: the one ending first, then by id). */
export function sortProgramme<T extends ProgrammeItem>(items: readonly T[]): T[] {
  return [...items].sort(byTime);
}

/**
 * A `schedule` frame applied: changed items replace those with their id (or join), removed
 * ids leave. The answer is sorted; the input is not touched.
 */
export function applyScheduleChange<T extends ProgrammeItem>(
  items: readonly T[],
  change: { items?: readonly T[]; removed?: readonly number[] },
): T[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  for (const id of change.removed ?? []) byId.delete(id);
  for (const item of change.items ?? []) byId.set(item.id, item);
  return sortProgramme([...byId.values()]);
}

/** Whether a frame's data looks like a schedule change (the topic carries nothing else). */
export function scheduleChangeOf<T extends ProgrammeItem>(
  data: unknown,
): { items: T[]; removed: number[] } | null {
  if (!data || typeof data !== "object") return null;
  const { items, removed } = data as { items?: unknown; removed?: unknown };
  if (items !== undefined && !Array.isArray(items)) return null;
  if (removed !== undefined && !Array.isArray(removed)) return null;
  return {
    items: ((items as T[] | undefined) ?? []).filter((item) => item && typeof item.id === "number"),
    removed: ((removed as unknown[] | undefined) ?? []).filter((id): id is number => typeof id === "number"),
  };
}

/** The snapshot's items (`{"items": [...]}`), or null when it is something else. */
export function scheduleSnapshotOf<T extends ProgrammeItem>(snapshot: unknown): T[] | null {
  if (Array.isArray(snapshot)) return sortProgramme(snapshot as T[]);
  const change = scheduleChangeOf<T>(snapshot);
  return change ? sortProgramme(change.items) : null;
}

export interface Day<T> {
  date: IsoDate;
  items: T[];
}

/** The programme's festival days in order, each with its sets in order. */
export function groupByDay<T extends ProgrammeItem>(items: readonly T[], timeZone: string, dayStartsAt = 6): Day<T>[] {
  const days = new Map<IsoDate, T[]>();
  for (const item of sortProgramme(items)) {
    const date = festivalDay(item.starts_at, timeZone, dayStartsAt);
    const list = days.get(date);
    if (list) list.push(item);
    else days.set(date, [item]);
  }
  return [...days].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, list]) => ({ date, items: list }));
}

export interface StageColumn<T> {
  stage: StageRef;
  items: T[];
}

/**
 * Sets per stage, stages in the given order (the map's, as staff placed them), then any
 * other stage in the order its first set starts.
 */
export function groupByStage<T extends ProgrammeItem>(
  items: readonly T[],
  stageOrder: readonly StageRef[] = [],
): StageColumn<T>[] {
  const columns = new Map<number, StageColumn<T>>();
  for (const stage of stageOrder) columns.set(stage.id, { stage, items: [] });
  for (const item of sortProgramme(items)) {
    let column = columns.get(item.stage.id);
    if (!column) {
      column = { stage: item.stage, items: [] };
      columns.set(item.stage.id, column);
    }
    column.items.push(item);
  }
  return [...columns.values()].filter((column) => column.items.length > 0);
}

export interface NowNext<T> {
  stage: StageRef;
  /** The set on stage at this moment (not cancelled), if any. */
  now: T | null;
  /** The next set to start on this stage (not cancelled), if any. */
  next: T | null;
}

/**
 * What is on each stage at `now` (ms) and what comes next. Cancelled sets count as neither;
 * a delayed set counts at its new times (the schedule carries them). A stage with nothing
 * now and nothing to come is left out.
 */
export function nowAndNext<T extends ProgrammeItem>(
  items: readonly T[],
  now: number,
  stageOrder: readonly StageRef[] = [],
): NowNext<T>[] {
  const answer: NowNext<T>[] = [];
  for (const column of groupByStage(items, stageOrder)) {
    let current: T | null = null;
    let next: T | null = null;
    for (const item of column.items) {
      if (item.status === "cancelled") continue;
      const start = Date.parse(item.starts_at);
      const end = Date.parse(item.ends_at);
      if (start <= now && now < end) {
        // Overlapping sets: the one that started last is the one on stage.
        if (!current || start >= Date.parse(current.starts_at)) current = item;
      } else if (start > now && !next) {
        next = item;
      }
    }
    if (current || next) answer.push({ stage: column.stage, now: current, next });
  }
  return answer;
}

/** Whether a set is over, on now, or to come at `now`. */
export function phaseOf(item: ProgrammeItem, now: number): "past" | "live" | "upcoming" {
  if (Date.parse(item.ends_at) <= now) return "past";
  if (Date.parse(item.starts_at) <= now) return "live";
  return "upcoming";
}

/**
 * The day to open the programme on: today's festival day if it has sets, else the next
 * day that has some, else the last day.
 */
export function initialDay(days: readonly { date: IsoDate }[], now: number, timeZone: string, dayStartsAt = 6): IsoDate | null {
  if (days.length === 0) return null;
  const today = festivalDay(now, timeZone, dayStartsAt);
  const coming = days.find((day) => day.date >= today);
  return (coming ?? days[days.length - 1]).date;
}

/** A stage's (or anything's) name in the reader's language, the English one when no Arabic is given. */
export function localized(lang: "ar" | "en", english: string, arabic?: string | null): string {
  return lang === "ar" && arabic ? arabic : english;
}
