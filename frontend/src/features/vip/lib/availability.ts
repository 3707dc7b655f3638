/**
 * The evening's arrival times and how many places each has left: the REST answer gives the
 * times, the `event:{slug}:availability` topic keeps the numbers live (merged by version in
 * src/shared/lib/availability.ts, as on the guest's event pages).
 */
import type { Slot } from "../../../api/schema";

/** Arrival times (the evening's slots, as the availability answer lists them) that have not ended, earliest first. */
export function upcomingSlots(slots: Slot[], now: number = Date.now()): Slot[] {
  return slots
    .filter((slot) => Date.parse(slot.ends_at) > now)
    .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at) || a.id - b.id);
}

export type SlotState = "open" | "few" | "full";

/** "few" when a quarter or less is left (and at most 3 places). */
export function slotState(slot: Pick<Slot, "available" | "capacity">): SlotState {
  if (slot.available <= 0) return "full";
  if (slot.available <= Math.min(3, Math.ceil(slot.capacity / 4))) return "few";
  return "open";
}

/** Whether a price string means something to pay ("0.00" does not). */
export function isPriced(price: string | number | undefined | null): boolean {
  const value = Number(price ?? 0);
  return Number.isFinite(value) && value > 0;
}
