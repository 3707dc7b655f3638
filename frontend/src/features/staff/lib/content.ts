/**
 * The staff content pages' pure logic: where a click on the map lands (in percent), the
 * performers typed one per line, the schedule form's times in the venue's zone, and the
 * schedule listed by day.
 */
import { festivalDay, utcToZonedInput, zonedToUtc } from "../../../shared/lib/zone";

/** A click at (clientX, clientY) on a map drawn in `box`, in percent of its width and height (one decimal). */
export function percentAt(box: { left: number; top: number; width: number; height: number }, clientX: number, clientY: number) {
  const clamp = (value: number) => Math.min(100, Math.max(0, Math.round(value * 10) / 10));
  if (box.width <= 0 || box.height <= 0) return { x: 0, y: 0 };
  return {
    x: clamp(((clientX - box.left) / box.width) * 100),
    y: clamp(((clientY - box.top) / box.height) * 100),
  };
}

/** A percent typed in a field: a number from 0 to 100, or null. */
export function parsePercent(text: string): number | null {
  const value = Number(text.replace(",", ".").trim());
  if (text.trim() === "" || !Number.isFinite(value) || value < 0 || value > 100) return null;
  return value;
}

/** Performers typed one per line (or separated by semicolons): trimmed, empty lines dropped. */
export function parsePerformers(text: string): string[] {
  return text
    .split(/[\n;]/)
    .map((name) => name.trim())
    .filter(Boolean);
}

export interface PerformanceForm {
  stage: string;
  title: string;
  title_ar: string;
  starts: string; // datetime-local, the venue's wall clock
  ends: string;
  performers: string;
  status: "scheduled" | "delayed" | "cancelled";
  note: string;
  note_ar: string;
}

export type PerformanceProblem = "stage" | "title" | "starts" | "ends" | "order";

/** The form's request body, or what is wrong with it first. */
export function performanceRequest(
  form: PerformanceForm,
  timeZone: string,
):
  | { ok: true; body: { stage: number; title: string; title_ar: string; starts_at: string; ends_at: string; performers: string[]; status: PerformanceForm["status"]; note: string; note_ar: string } }
  | { ok: false; problems: PerformanceProblem[] } {
  const problems: PerformanceProblem[] = [];
  const stage = Number(form.stage);
  if (!form.stage || !Number.isInteger(stage)) problems.push("stage");
  if (!form.title.trim()) problems.push("title");
  const starts = zonedToUtc(form.starts, timeZone);
  const ends = zonedToUtc(form.ends, timeZone);
  if (!starts) problems.push("starts");
  if (!ends) problems.push("ends");
  if (starts && ends && ends <= starts) problems.push("order");
  if (problems.length || !starts || !ends) return { ok: false, problems };
  return {
    ok: true,
    body: {
      stage,
      title: form.title.trim(),
      title_ar: form.title_ar.trim(),
      starts_at: starts.toISOString(),
      ends_at: ends.toISOString(),
      performers: parsePerformers(form.performers),
      status: form.status,
      note: form.note.trim(),
      note_ar: form.note_ar.trim(),
    },
  };
}

/** A performance as the form edits it (times on the venue's clock). */
export function performanceForm(
  item: { stage: { id: number }; title: string; title_ar: string; starts_at: string; ends_at: string; performers: string[]; status: PerformanceForm["status"]; note: string; note_ar: string },
  timeZone: string,
): PerformanceForm {
  return {
    stage: String(item.stage.id),
    title: item.title,
    title_ar: item.title_ar,
    starts: utcToZonedInput(item.starts_at, timeZone),
    ends: utcToZonedInput(item.ends_at, timeZone),
    performers: item.performers.join("\n"),
    status: item.status,
    note: item.note,
    note_ar: item.note_ar,
  };
}

/** Items (by start) in festival days of the venue, days in order. */
export function byFestivalDay<T extends { starts_at: string; id: number }>(items: readonly T[], timeZone: string) {
  const sorted = [...items].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at) || a.id - b.id);
  const days = new Map<string, T[]>();
  for (const item of sorted) {
    const day = festivalDay(item.starts_at, timeZone);
    days.set(day, [...(days.get(day) ?? []), item]);
  }
  return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([date, list]) => ({ date, items: list }));
}

/** Replace changed rows (and add new ones) by id. */
export function upsert<T extends { id: number }>(list: readonly T[], changed: readonly T[]): T[] {
  const byId = new Map(changed.map((item) => [item.id, item]));
  const kept = list.map((item) => byId.get(item.id) ?? item);
  const known = new Set(list.map((item) => item.id));
  return [...kept, ...changed.filter((item) => !known.has(item.id))];
}

/**
 * A validation error's `fields` flattened to dotted paths ("faq.1.question"): lists of
 * messages give their first, lists of objects (the FAQ's rows) are indexed.
 */
export function flattenErrors(fields: unknown, prefix = ""): Record<string, string> {
  const flat: Record<string, string> = {};
  const put = (path: string, message: string) => {
    if (!(path in flat)) flat[path] = message;
  };
  const join = (key: string) => (prefix ? `${prefix}.${key}` : key);
  if (typeof fields === "string") put(prefix, fields);
  else if (Array.isArray(fields)) {
    fields.forEach((entry, index) => {
      if (typeof entry === "string") put(prefix, entry);
      else if (entry && typeof entry === "object") {
        for (const [path, message] of Object.entries(flattenErrors(entry, join(String(index))))) put(path, message);
      }
    });
  } else if (fields && typeof fields === "object") {
    for (const [key, value] of Object.entries(fields as Record<string, unknown>)) {
      const path = key === "non_field_errors" ? prefix : join(key);
      for (const [inner, message] of Object.entries(flattenErrors(value, path))) put(inner, message);
    }
  }
  return flat;
}

/** Move a list's item one place up (-1) or down (+1); the same list when it cannot move. */
export function move<T>(list: readonly T[], index: number, step: -1 | 1): T[] {
  const to = index + step;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}
