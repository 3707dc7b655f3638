/**
 * The guest's own running holds, as availability sees them: a slot the guest holds is theirs,
 * never "taken by someone else". Every availability view (stays, rooms and slots, seats,
 * tickets, the VIP evening's arrival times) adds these units back to what it shows.
 */

/** What a view needs of one of the guest's holds. */
export interface OwnHold {
  id: string;
  /** The event's slug. */
  event: string;
  /** When it stops counting, on this device's clock (ms since the epoch). */
  expiresAt: number;
  items: readonly { slot: number; quantity: number }[];
}

/** What the hold API answers of a hold (POST /api/holds/, GET /api/holds/). */
export interface HoldAnswer {
  id: string;
  event: string;
  status: string;
  remaining_seconds: number;
  items: readonly { slot: number; quantity: number }[];
}

/** A hold answer on this device's clock: `remaining_seconds` counted from `receivedAt`. */
export function ownHoldOf(answer: HoldAnswer, receivedAt: number): OwnHold | null {
  if (answer.status !== "active" || answer.remaining_seconds <= 0) return null;
  return {
    id: answer.id,
    event: answer.event,
    expiresAt: receivedAt + answer.remaining_seconds * 1000,
    items: answer.items.map((item) => ({ slot: item.slot, quantity: item.quantity })),
  };
}

export const NO_UNITS: ReadonlyMap<number, number> = new Map();

/** Units per slot the guest holds for `event` at `now` (expired holds count for nothing). */
export function ownUnits(holds: Iterable<OwnHold>, event: string, now: number): ReadonlyMap<number, number> {
  let units: Map<number, number> | null = null;
  for (const hold of holds) {
    if (hold.event !== event || hold.expiresAt <= now) continue;
    for (const item of hold.items) {
      units ??= new Map();
      units.set(item.slot, (units.get(item.slot) ?? 0) + item.quantity);
    }
  }
  return units ?? NO_UNITS;
}

/** The first moment after `now` when one of the event's holds stops counting (null: none). */
export function nextExpiry(holds: Iterable<OwnHold>, event: string, now: number): number | null {
  let next: number | null = null;
  for (const hold of holds) {
    if (hold.event === event && hold.expiresAt > now && (next === null || hold.expiresAt < next)) next = hold.expiresAt;
  }
  return next;
}

/** Units of a slot open to this guest: what others left, plus what the guest holds. */
export function availableToMe(othersLeft: number, own: ReadonlyMap<number, number>, slot: number): number {
  return Math.max(0, othersLeft) + (own.get(slot) ?? 0);
}

/**
 * Slots (with `available`) as this guest sees them: their own held units added back. The same
 * list when the guest holds none of them.
 */
export function withOwnUnits<T extends { id: number; available: number }>(
  slots: T[],
  own: ReadonlyMap<number, number>,
): T[] {
  if (own.size === 0 || !slots.some((slot) => own.has(slot.id))) return slots;
  return slots.map((slot) => (own.has(slot.id) ? { ...slot, available: availableToMe(slot.available, own, slot.id) } : slot));
}
