/** The calls the VIP flow makes, typed. */
import { api, ApiError } from "../../../api/client";
import type {
  Availability,
  Booking,
  BookingPage,
  BookingRequest,
  BookingStatus,
  EventDetail,
  EventSummary,
  Hold,
  HoldRequest,
  OtpRequest,
  OtpSent,
  PayAnswer,
  PayRequest,
  Ticket,
} from "../../../api/schema";
import { normalisePhone } from "../../../shared/auth/otp";
import { forgetHold, rememberHold } from "../../../shared/holds/ownHolds";
import type { Language } from "../../../i18n";
import { ticketsOfBooking } from "../../../shared/tickets/api";
import { isPriced } from "../lib/availability";
import { readFlow, updateFlow } from "../lib/flow";

const path = (slug: string) => `/api/events/${encodeURIComponent(slug)}`;

/** Ask for a sign-in code for this event (an allowlist-only event refuses with one 403). */
export function requestVipCode(
  phone: string,
  event: string,
  language: Language,
): Promise<OtpSent> {
  const body: OtpRequest = { phone: normalisePhone(phone), event, language };
  return api<OtpSent>("/api/auth/otp/request/", { body, auth: "none" });
}

/** The evening, as the public API describes any event. */
export function fetchEvent(slug: string, signal?: AbortSignal): Promise<EventSummary> {
  return api<EventDetail>(`${path(slug)}/`, { auth: "none", signal });
}

export function fetchAvailability(slug: string, signal?: AbortSignal): Promise<Availability> {
  return api<Availability>(`${path(slug)}/availability/`, { auth: "none", signal });
}

export function fetchBooking(id: string, signal?: AbortSignal): Promise<Booking> {
  return api<Booking>(`/api/bookings/${encodeURIComponent(id)}/`, { signal });
}

/** Booking statuses that use up the invitation (a pending one still awaits its payment). */
const LIVE: BookingStatus[] = ["pending_payment", "confirmed", "in_progress", "completed"];

/** The signed-in guest's booking of this event that is still alive, if any. */
export async function findLiveBooking(
  event: string,
  signal?: AbortSignal,
): Promise<Booking | null> {
  for (let page = 1; page <= 5; page += 1) {
    const answer = await api<BookingPage>(`/api/bookings/?page=${page}&page_size=100`, {
      signal,
    });
    const found = answer.results.find((b) => b.event === event && LIVE.includes(b.status));
    if (found) return found;
    if (page >= answer.pages) break;
  }
  return null;
}

/** The tickets (here: one pass) issued for a booking. */
export async function fetchTicketsOf(bookingId: string, signal?: AbortSignal): Promise<Ticket[]> {
  return ticketsOfBooking(bookingId, signal);
}

async function releaseHold(holdId: string): Promise<void> {
  forgetHold(holdId);
  try {
    await api(`/api/holds/${encodeURIComponent(holdId)}/`, { method: "DELETE" });
  } catch {
    /* already gone (expired, converted): nothing to give back */
  }
}

/**
 * Hold the chosen arrival time and book it under the guest's name, in one go. A hold this tab
 * left behind is released first; if the booking fails the new hold is released at once so the
 * place goes back to the other guests.
 */
export async function bookArrival(event: string, slot: number, name: string): Promise<Booking> {
  const stale = readFlow()?.holdId;
  if (stale) {
    await releaseHold(stale);
    updateFlow(event, { holdId: undefined });
  }
  const holding: HoldRequest = { event, items: [{ slot, quantity: 1 }] };
  const hold = await api<Hold>("/api/holds/", { body: holding });
  rememberHold(hold); // the guest's own place: never shown as taken while it is booked
  updateFlow(event, { holdId: hold.id });
  try {
    const body: BookingRequest = { hold: hold.id, details: { name } };
    const booking = await api<Booking>("/api/bookings/", { body });
    forgetHold(hold.id);
    updateFlow(event, { holdId: undefined });
    return booking;
  } catch (error) {
    if (error instanceof ApiError && error.code === "booking_exists") {
      const id = error.body.booking;
      forgetHold(hold.id);
      updateFlow(event, { holdId: undefined });
      if (typeof id === "string") return fetchBooking(id);
    } else {
      await releaseHold(hold.id);
      updateFlow(event, { holdId: undefined });
    }
    throw error;
  }
}

/** Whether this booking still has a payment to make before it is confirmed. */
export function awaitsPayment(booking: Pick<Booking, "status" | "amount">): boolean {
  return booking.status === "pending_payment" && isPriced(booking.amount);
}

/**
 * Start (or resume) paying through the test provider, the one the embedded mode offers, and
 * return the address of its Pay/Fail page, which comes back to `returnTo` afterwards.
 */
export async function testPaymentUrl(bookingId: string, returnTo: string): Promise<string> {
  const body: PayRequest = { provider: "test" };
  const answer = await api<PayAnswer>(`/api/bookings/${encodeURIComponent(bookingId)}/pay/`, { body });
  const url = answer.client.url;
  if (typeof url !== "string" || !url) throw new Error("The payment provider gave no address.");
  const separator = url.includes("?") ? "&" : "?";
  return `${url}${separator}return=${encodeURIComponent(returnTo)}`;
}
