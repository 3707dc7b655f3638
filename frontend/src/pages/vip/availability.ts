/**
 * The evening's arrival times and how many places each has left: the REST answer gives the
 * times, the `event:{slug}:availability` topic keeps the numbers live. Per slot the numbers
 * with the highest `version` win (docs/websocket.md), whatever order they arrive in.
 */

export interface ArrivalSlot {
  id: number;
  resource: number;
  starts_at: string;
  ends_at: string;
  capacity: number;
  available: number;
  version: number;
  price: string;
}

/** What the topic's snapshot and frames carry for a slot. */
export interface SlotNumbers {
  id: number;
  available: number;
  capacity?: number;
  version: number;
}

function isNumbers(value: unknown): value is SlotNumbers {
  if (!value || typeof value !== "object") return false;
  const slot = value as Record<string, unknown>;
  return (
    typeof slot.id === "number" &&
    typeof slot.available === "number" &&
    typeof slot.version === "number"
  );
}

/** The slot numbers inside a snapshot or an `availability` frame (anything else: none). */
export function slotNumbersOf(payload: unknown): SlotNumbers[] {
  if (!payload || typeof payload !== "object") return [];
  const slots = (payload as { slots?: unknown }).slots;
  return Array.isArray(slots) ? slots.filter(isNumbers) : [];
}

/** The slots with newer numbers applied; slots we do not list are ignored. */
export function mergeNumbers(slots: ArrivalSlot[], updates: SlotNumbers[]): ArrivalSlot[] {
  if (updates.length === 0) return slots;
  const newest = new Map<number, SlotNumbers>();
  for (const update of updates) {
    const seen = newest.get(update.id);
    if (!seen || update.version >= seen.version) newest.set(update.id, update);
  }
  let changed = false;
  const next = slots.map((slot) => {
    const update = newest.get(slot.id);
    if (!update || update.version < slot.version) return slot;
    if (
      update.version === slot.version &&
      update.available === slot.available &&
      (update.capacity ?? slot.capacity) === slot.capacity
    )
      return slot;
    changed = true;
    return {
      ...slot,
      available: update.available,
      capacity: update.capacity ?? slot.capacity,
      version: update.version,
    };
  });
  return changed ? next : slots;
}

/** Arrival times that have not ended, earliest first. */
export function upcomingSlots(slots: ArrivalSlot[], now: number = Date.now()): ArrivalSlot[] {
  return slots
    .filter((slot) => Date.parse(slot.ends_at) > now)
    .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at) || a.id - b.id);
}

export type SlotState = "open" | "few" | "full";

/** "few" when a quarter or less is left (and at most 3 places). */
export function slotState(slot: Pick<ArrivalSlot, "available" | "capacity">): SlotState {
  if (slot.available <= 0) return "full";
  if (slot.available <= Math.min(3, Math.ceil(slot.capacity / 4))) return "few";
  return "open";
}

/** Whether a price string means something to pay ("0.00" does not). */
export function isPriced(price: string | number | undefined | null): boolean {
  const value = Number(price ?? 0);
  return Number.isFinite(value) && value > 0;
}
