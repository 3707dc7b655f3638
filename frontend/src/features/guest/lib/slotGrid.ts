/**
 * The slot grid of time-slot events (meeting rooms, service bays): one day's times as rows,
 * the rooms or bays as columns, each cell the slot of that room at that time. Also the rule
 * for picking several consecutive slots of one room.
 */
import type { Resource, Slot } from "../../../api/schema";
import { dateInZone, timeInZone } from "./dates";
import type { IsoDate } from "./dates";

export interface TimeRow {
  /** The row's start as an instant (an ISO string from the API). */
  startsAt: string;
  endsAt: string;
  /** "09:30" in the venue's zone, to sort and key by. */
  time: string;
  /** Slot id per resource id; absent where that resource has no slot at this time. */
  cells: ReadonlyMap<number, number>;
}

export interface SlotGrid {
  resources: Resource[];
  rows: TimeRow[];
}

/** One day of slots (starting that date, in the venue's zone) laid out as times × resources. */
export function buildSlotGrid(
  resources: readonly Resource[],
  slots: readonly Slot[],
  date: IsoDate,
  timeZone: string,
): SlotGrid {
  const byTime = new Map<string, { startsAt: string; endsAt: string; cells: Map<number, number> }>();
  const used = new Set<number>();
  for (const slot of slots) {
    if (dateInZone(slot.starts_at, timeZone) !== date) continue;
    const time = timeInZone(slot.starts_at, timeZone);
    let row = byTime.get(time);
    if (!row) byTime.set(time, (row = { startsAt: slot.starts_at, endsAt: slot.ends_at, cells: new Map() }));
    if (!row.cells.has(slot.resource)) row.cells.set(slot.resource, slot.id);
    used.add(slot.resource);
  }
  return {
    resources: resources.filter((resource) => used.has(resource.id)),
    rows: [...byTime]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([time, row]) => ({ time, ...row })),
  };
}

function sameInstant(a: string, b: string): boolean {
  return Date.parse(a) === Date.parse(b);
}

export type LaneSlot = Pick<Slot, "id" | "starts_at" | "ends_at">;

export type CellState = "free" | "taken" | "selected" | "past";

export function cellState(options: {
  available: number;
  selected: boolean;
  endsAt: string;
  now: number;
}): CellState {
  if (options.selected) return "selected";
  if (Date.parse(options.endsAt) <= options.now) return "past";
  return options.available > 0 ? "free" : "taken";
}

/**
 * The next selection after a click on `clicked`, where `lane` is the clicked resource's slots
 * of the day in time order:
 * - a click next to (or beyond) the selected run of the same room stretches the run to it,
 *   when every slot on the way is free and back-to-back and the run stays within `max`;
 * - a click on either end of the run drops that slot; on a slot inside it, the run ends there;
 * - anything else starts again with the clicked slot alone (if it is free).
 */
export function nextRunSelection(
  selected: readonly number[],
  clicked: number,
  lane: readonly LaneSlot[],
  isFree: (slot: number) => boolean,
  max: number,
): number[] {
  const position = new Map(lane.map((slot, index) => [slot.id, index]));
  const at = position.get(clicked);
  if (at === undefined) return [...selected];
  const indexes = selected.map((id) => position.get(id));
  const sameLane = selected.length > 0 && indexes.every((index) => index !== undefined);
  const alone = () => (isFree(clicked) ? [clicked] : []);
  if (!sameLane) return alone();

  const low = Math.min(...(indexes as number[]));
  const high = Math.max(...(indexes as number[]));
  if (at >= low && at <= high) {
    if (low === high) return [];
    if (at === low) return lane.slice(low + 1, high + 1).map((slot) => slot.id);
    if (at === high) return lane.slice(low, high).map((slot) => slot.id);
    return lane.slice(low, at + 1).map((slot) => slot.id);
  }
  const from = Math.min(at, low);
  const to = Math.max(at, high);
  const run = lane.slice(from, to + 1);
  const contiguous = run.every(
    (slot, index) => index === 0 || sameInstant(run[index - 1].ends_at, slot.starts_at),
  );
  const free = run.every((slot) => selected.includes(slot.id) || isFree(slot.id));
  if (contiguous && free && run.length <= max) return run.map((slot) => slot.id);
  return alone();
}

/** Consecutive runs of selected slots per resource: [resource, [slots…]] in time order. */
export function runsOf(
  selected: Iterable<number>,
  slotInfo: (slot: number) => Slot | undefined,
): { resource: number; slots: Slot[] }[] {
  const slots = [...selected]
    .map(slotInfo)
    .filter((slot): slot is Slot => slot !== undefined)
    .sort((a, b) => a.resource - b.resource || Date.parse(a.starts_at) - Date.parse(b.starts_at));
  const runs: { resource: number; slots: Slot[] }[] = [];
  for (const slot of slots) {
    const last = runs.at(-1);
    const previous = last?.slots.at(-1);
    if (last && last.resource === slot.resource && previous && sameInstant(previous.ends_at, slot.starts_at)) {
      last.slots.push(slot);
    } else {
      runs.push({ resource: slot.resource, slots: [slot] });
    }
  }
  return runs;
}
