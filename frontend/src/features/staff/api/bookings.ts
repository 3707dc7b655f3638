/** The staff bookings API: a filtered page, one booking, and the workflow's actions. */
import { api, ApiError } from "../../../api/client";
import { bookingIdIn, bookingsPath, PAGE_SIZE } from "../lib/filters";
import type { BookingFilters } from "../lib/filters";
import type { Booking, BookingPage, CatalogService, PricedService, Pricing, ServicePage } from "../../../api/schema";
import { actionRequest } from "../lib/workflow";
import type { StaffAction } from "../lib/workflow";

function single(booking: Booking | null): BookingPage {
  const results = booking ? [booking] : [];
  return { ok: true, count: results.length, page: 1, page_size: PAGE_SIZE, pages: results.length, results };
}

export function loadBooking(id: string, signal?: AbortSignal): Promise<Booking> {
  return api<Booking>(`/api/staff/bookings/${id}/`, { signal });
}

/** A page of the event's bookings (the server's search knows names, phones, e-mails and
 * references); a pasted booking id opens that booking. */
export async function loadBookings(event: string, filters: BookingFilters, signal?: AbortSignal): Promise<BookingPage> {
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
  return api<BookingPage>(bookingsPath(event, filters), { signal });
}

/** Run a workflow action; resolves with the booking as it now stands. */
export function runAction(booking: Booking, action: StaffAction, refund = false): Promise<Booking> {
  const request = actionRequest(booking.id, action, refund);
  return api<Booking>(request.path, { method: request.method, body: request.body ?? {} });
}

/** Today's jobs of a service event (one large page: a shop has far fewer a day). */
export function loadDay(event: string, date: string, signal?: AbortSignal): Promise<BookingPage> {
  return api<BookingPage>(bookingsPath(event, { status: "", date, search: "", page: 1 }, 100), { signal });
}

/** The job board's actions: a status step, a no-show, paid at the shop, a service added. */
export const jobs = {
  status: (id: string, status: "in_progress" | "completed") =>
    api<Booking>(`/api/staff/bookings/${id}/status/`, { method: "PATCH", body: { status } }),
  noShow: (id: string) => api<Booking>(`/api/staff/bookings/${id}/no-show/`, { method: "POST", body: {} }),
  markPaid: (id: string, method: "cash" | "card") =>
    api<Booking>(`/api/staff/bookings/${id}/mark-paid/`, { method: "POST", body: { method } }),
  addService: (id: string, service: number) =>
    api<Booking>(`/api/staff/bookings/${id}/services/`, { method: "POST", body: { service } }),
};

/** The event's services (GET /api/catalog/services/), for "add a service". */
export async function loadServices(event: string, signal?: AbortSignal): Promise<CatalogService[]> {
  const answer = await api<ServicePage>(`/api/catalog/services/?${new URLSearchParams({ event, page_size: "100" })}`, {
    auth: "none",
    signal,
  });
  return answer.results;
}

/** The services offered for one vehicle model (GET /api/catalog/pricing/), with their prices. */
export async function loadModelServices(event: string, model: number, signal?: AbortSignal): Promise<PricedService[]> {
  const answer = await api<Pricing>(`/api/catalog/pricing/?${new URLSearchParams({ event, vehicle_model: String(model) })}`, {
    auth: "none",
    signal,
  });
  return answer.services;
}
