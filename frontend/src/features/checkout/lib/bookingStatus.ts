/** Booking statuses as the guest sees them: a tone for the badge, and when to keep asking. */
import { BOOKING_STATUSES } from "../../../api/schema";
import type { BookingStatus } from "../../../api/schema";
import type { Tone } from "../../../shared/tickets/StatusBadge";

export function statusTone(status: string): Tone {
  switch (status) {
    case "confirmed":
    case "in_progress":
    case "completed":
      return "ok";
    case "pending_payment":
      return "warn";
    case "cancelled":
    case "expired":
    case "refunded":
      return "bad";
    default:
      return "info";
  }
}

/** Statuses whose tickets admit (or admitted) their holders. */
export function hasTickets(status: string): boolean {
  return status === "confirmed" || status === "in_progress" || status === "completed";
}

export const POLL_INTERVAL_MS = 2_000;
export const POLL_LIMIT_MS = 120_000;

/** Keep asking while the payment may still be confirmed, for a couple of minutes. */
export function shouldPoll(status: BookingStatus | string, startedAt: number, now: number): boolean {
  return status === "pending_payment" && now - startedAt < POLL_LIMIT_MS;
}

export function isBookingStatus(value: string): value is BookingStatus {
  return (BOOKING_STATUSES as readonly string[]).includes(value);
}
