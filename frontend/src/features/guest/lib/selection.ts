/**
 * What the guest has picked: slot id → quantity, whatever the kind of event (a seat, a ticket
 * type's quantity, half-hour slots of a room, the nights of a room). Pure functions; money in
 * integer cents so that totals never drift.
 */
import { toCents } from "../../../shared/lib/money";
import type { HoldItemRequest } from "../../../api/schema";

export type Selection = ReadonlyMap<number, number>;

export const EMPTY_SELECTION: Selection = new Map();

export function units(selection: Selection): number {
  let total = 0;
  for (const quantity of selection.values()) total += quantity;
  return total;
}

/** Set a slot's quantity (0 removes it). */
export function withQuantity(selection: Selection, slot: number, quantity: number): Selection {
  const next = new Map(selection);
  if (quantity > 0) next.set(slot, Math.floor(quantity));
  else next.delete(slot);
  return next;
}

/** Add or remove one unit-slot (a seat). */
export function toggled(selection: Selection, slot: number): Selection {
  return withQuantity(selection, slot, selection.has(slot) ? 0 : 1);
}

/** Exactly these slots, one unit each. */
export function ofSlots(slots: Iterable<number>): Selection {
  return new Map([...slots].map((slot) => [slot, 1] as const));
}

export function toItems(selection: Selection): HoldItemRequest[] {
  return [...selection]
    .filter(([, quantity]) => quantity > 0)
    .sort(([a], [b]) => a - b)
    .map(([slot, quantity]) => ({ slot, quantity }));
}

export function fromItems(items: readonly HoldItemRequest[]): Selection {
  const next = new Map<number, number>();
  for (const item of items) {
    if (Number.isInteger(item.slot) && Number.isInteger(item.quantity) && item.quantity > 0) {
      next.set(item.slot, (next.get(item.slot) ?? 0) + item.quantity);
    }
  }
  return next;
}

/** The selection's price in cents, each slot at its own price. */
export function totalCents(selection: Selection, priceOf: (slot: number) => string | undefined): number {
  let total = 0;
  for (const [slot, quantity] of selection) total += toCents(priceOf(slot) ?? "0") * quantity;
  return total;
}

export interface Shortfall {
  slot: number;
  had: number;
  now: number;
}

/**
 * Fit the selection to what is left: a slot with fewer units than picked is cut down (or
 * dropped). Answers the same selection object when nothing had to change.
 */
export function fitToAvailability(
  selection: Selection,
  availableOf: (slot: number) => number,
): { selection: Selection; shortfalls: Shortfall[] } {
  const shortfalls: Shortfall[] = [];
  let next: Map<number, number> | null = null;
  for (const [slot, quantity] of selection) {
    const left = Math.max(0, availableOf(slot));
    if (quantity <= left) continue;
    next ??= new Map(selection);
    if (left > 0) next.set(slot, left);
    else next.delete(slot);
    shortfalls.push({ slot, had: quantity, now: left });
  }
  return { selection: next ?? selection, shortfalls };
}

/** The slots a 409 `sold_out` names: `{id, requested, available}` each. */
export interface SoldOutSlot {
  id: number;
  requested: number;
  available: number;
}

export function soldOutSlots(body: unknown): SoldOutSlot[] {
  if (!body || typeof body !== "object") return [];
  const slots = (body as { slots?: unknown }).slots;
  if (!Array.isArray(slots)) return [];
  return slots
    .filter(
      (slot): slot is SoldOutSlot =>
        Boolean(slot) && typeof slot === "object" && typeof (slot as SoldOutSlot).id === "number",
    )
    .map((slot) => ({
      id: slot.id,
      requested: Number(slot.requested) || 0,
      available: Math.max(0, Number(slot.available) || 0),
    }));
}

/* A selection waiting for sign-in: kept in sessionStorage, taken back once on return. */

export const PENDING_KEY = "gh.pending-selection";
const PENDING_MAX_AGE_MS = 30 * 60_000;

interface Pending {
  event: string;
  items: HoldItemRequest[];
  saved: number;
}

export function savePending(
  storage: Pick<Storage, "setItem">,
  event: string,
  selection: Selection,
  now = Date.now(),
): void {
  const pending: Pending = { event, items: toItems(selection), saved: now };
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
}

/** The selection saved for this event (removed from storage), or null. */
export function takePending(
  storage: Pick<Storage, "getItem" | "removeItem">,
  event: string,
  now = Date.now(),
): Selection | null {
  const raw = storage.getItem(PENDING_KEY);
  if (!raw) return null;
  let pending: Partial<Pending>;
  try {
    pending = JSON.parse(raw);
  } catch {
    storage.removeItem(PENDING_KEY);
    return null;
  }
  if (pending.event !== event) return null;
  storage.removeItem(PENDING_KEY);
  if (typeof pending.saved !== "number" || now - pending.saved > PENDING_MAX_AGE_MS) return null;
  if (!Array.isArray(pending.items)) return null;
  const selection = fromItems(pending.items);
  return selection.size ? selection : null;
}
