/** The staff bookings API: a filtered page, one booking, and the workflow's actions. */
import { api, ApiError } from "../../api/client";
import { bookingIdIn, bookingsPath, looksLikeReference, matchReference, PAGE_SIZE } from "./filters";
import type { BookingFilters } from "./filters";
import type { Booking, Page } from "./types";
import { actionRequest } from "./workflow";
import type { StaffAction } from "./workflow";

/** How far back a reference is looked for (the server's search knows names, phones, e-mails). */
const REFERENCE_PAGES = 5;

function single(booking: Booking | null): Page<Booking> {
  const results = booking ? [booking] : [];
  return { count: results.length, page: 1, page_size: PAGE_SIZE, pages: results.length, results };
}

export function loadBooking(id: string, signal?: AbortSignal): Promise<Booking> {
  return api<Booking>(`/api/staff/bookings/${id}/`, { signal });
}

async function findReference(event: string, filters: BookingFilters, signal?: AbortSignal) {
  const found: Booking[] = [];
  for (let page = 1; page <= REFERENCE_PAGES; page += 1) {
    const body = await api<Page<Booking>>(bookingsPath(event, { ...filters, search: "", page }, 100), { signal });
    found.push(...matchReference(body.results, filters.search));
    if (found.length || page >= body.pages) break;
  }
  return found;
}

/** A page of the event's bookings; a pasted id or a typed reference finds that booking. */
export async function loadBookings(event: string, filters: BookingFilters, signal?: AbortSignal): Promise<Page<Booking>> {
  const id = bookingIdIn(filters.search);
  if (id) {
    try {
      const booking = await loadBooking(id, signal);
      return single(booking.event === event ? booking : null);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return single(null);
      throw error;
    }
  }
  const page = await api<Page<Booking>>(bookingsPath(event, filters), { signal });
  if (page.count === 0 && looksLikeReference(filters.search)) {
    const found = await findReference(event, filters, signal);
    return { ...single(null), count: found.length, pages: found.length ? 1 : 0, results: found };
  }
  return page;
}

/** Run a workflow action; resolves with the booking as it now stands. */
export function runAction(booking: Booking, action: StaffAction, refund = false): Promise<Booking> {
  const request = actionRequest(booking.id, action, refund);
  return api<Booking>(request.path, { method: request.method, body: request.body ?? {} });
}
