/**
 * Live availability: per slot, the numbers with the highest `version` seen, whether they
 * came from the REST answer, a websocket snapshot or a change frame (docs/websocket.md).
 * Functions return the same map (or list) when nothing changed, so React skips a render.
 * The guest's event pages and the VIP evening's arrival times both keep theirs this way.
 */
import type { Slot } from "../../api/schema";

export interface SlotNumbers {
  available: number;
  capacity?: number;
  version: number;
}

export type LiveMap = ReadonlyMap<number, SlotNumbers>;

export interface IncomingNumbers {
  id: number;
  available: number;
  capacity?: number;
  /** Missing only from an older server: then the frame is taken as the newest. */
  version?: number;
}

export const EMPTY_LIVE: LiveMap = new Map();

function newer(incoming: IncomingNumbers, current: SlotNumbers | undefined): boolean {
  if (!current) return true;
  if (incoming.version === undefined) return true;
  return incoming.version > current.version;
}

function numbersOf(incoming: IncomingNumbers, current: SlotNumbers | undefined): SlotNumbers {
  return {
    available: Math.max(0, incoming.available),
    capacity: incoming.capacity ?? current?.capacity,
    version: incoming.version ?? (current ? current.version + 1 : 0),
  };
}

function isNumbers(value: unknown): value is IncomingNumbers {
  if (!value || typeof value !== "object") return false;
  const record = value as Record<string, unknown>;
  return typeof record.id === "number" && typeof record.available === "number";
}

/** The slots of a snapshot or frame payload (`{slots: [...]}`), ignoring malformed ones. */
export function slotsOf(payload: unknown): IncomingNumbers[] {
  if (!payload || typeof payload !== "object") return [];
  const slots = (payload as { slots?: unknown }).slots;
  return Array.isArray(slots) ? slots.filter(isNumbers) : [];
}

/** Apply changes: each slot keeps whichever numbers carry the higher version. */
export function mergeChanges(current: LiveMap, changes: readonly IncomingNumbers[]): LiveMap {
  let next: Map<number, SlotNumbers> | null = null;
  for (const change of changes) {
    const existing = (next ?? current).get(change.id);
    if (!newer(change, existing)) continue;
    next ??= new Map(current);
    next.set(change.id, numbersOf(change, existing));
  }
  return next ?? current;
}

/**
 * A full picture: the map becomes exactly the snapshot's slots, but a slot we already know
 * at a higher version keeps those numbers (a change frame may have overtaken the snapshot).
 */
export function replaceWithSnapshot(current: LiveMap, snapshot: readonly IncomingNumbers[]): LiveMap {
  const next = new Map<number, SlotNumbers>();
  for (const incoming of snapshot) {
    const existing = current.get(incoming.id);
    next.set(incoming.id, newer(incoming, existing) ? numbersOf(incoming, existing) : existing!);
  }
  return next;
}

/** Units left in a slot (0 for an unknown one). */
export function availableIn(live: LiveMap, slotId: number): number {
  return live.get(slotId)?.available ?? 0;
}

/** The numbers a slot of the REST answer carries besides its own facts (room, times, price). */
export type SlotWithNumbers = Pick<Slot, "id" | "available" | "capacity" | "version">;

/**
 * The REST answer's slots with the live numbers applied (a slot the map does not know, or
 * knows only at an older version, stays as it is). The same list when nothing differs.
 */
export function withLiveNumbers<T extends SlotWithNumbers>(slots: T[], live: LiveMap): T[] {
  let changed = false;
  const next = slots.map((slot) => {
    const numbers = live.get(slot.id);
    if (!numbers || numbers.version < slot.version) return slot;
    const capacity = numbers.capacity ?? slot.capacity;
    if (numbers.available === slot.available && capacity === slot.capacity && numbers.version === slot.version)
      return slot;
    changed = true;
    return { ...slot, available: numbers.available, capacity, version: numbers.version };
  });
  return changed ? next : slots;
}
