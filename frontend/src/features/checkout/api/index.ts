/** The REST calls of sign-in, checkout, payment and my bookings, with the shapes they answer. */
import { api } from "../../../api/client";
import { allPages } from "../../../api/paging";
import type {
  Availability,
  Booking,
  BookingChanges,
  BookingPage,
  BookingRequest,
  EventDetail,
  Hold,
  Invoice,
  InvoicesQueued,
  Providers,
  Ticket,
  TicketPage,
  Transfer,
  TransferPage,
  TransferRequest,
  RescheduleRequest,
} from "../../../api/schema";

/** The answer of a hold call, with the moment it arrived (for the clock offset). */
export interface Timed<T> {
  value: T;
  receivedAt: number;
}

async function timed<T>(call: Promise<T>): Promise<Timed<T>> {
  const value = await call;
  return { value, receivedAt: Date.now() };
}

export const holds = {
  get: (id: string) => timed(api<Hold>(`/api/holds/${id}/`)),
  extend: (id: string) => timed(api<Hold>(`/api/holds/${id}/extend/`, { method: "POST" })),
  release: (id: string) => timed(api<Hold>(`/api/holds/${id}/`, { method: "DELETE" })),
};

export const events = {
  get: (slug: string) => api<EventDetail>(`/api/events/${slug}/`, { auth: "none" }),
  /** The slots from one venue day to another (both included), with what is free. */
  availability: (slug: string, from: string, to: string) =>
    api<Availability>(`/api/events/${encodeURIComponent(slug)}/availability/?${new URLSearchParams({ from, to })}`, {
      auth: "none",
    }),
};

export const bookings = {
  create: (body: BookingRequest) => api<Booking>("/api/bookings/", { body }),
  get: (id: string) => api<Booking>(`/api/bookings/${id}/`),
  cancel: (id: string) => api<Booking>(`/api/bookings/${id}/cancel/`, { method: "POST" }),
  /** What the event's policy lets the guest change now, and what a cancellation gives back. */
  changes: (id: string) => api<BookingChanges>(`/api/bookings/${id}/changes/`),
  /** Move the booking so that it starts at `starts_at` (409 sold_out, reschedule_price_differs). */
  reschedule: (id: string, starts_at: string) => {
    const body: RescheduleRequest = { starts_at };
    return api<Booking>(`/api/bookings/${id}/reschedule/`, { body });
  },
  /** The newest first; enough to find the booking of a hold made minutes ago. */
  recent: () => api<BookingPage>("/api/bookings/?page=1&page_size=50").then((p) => p.results),
  all: () => allPages<BookingPage>("/api/bookings/"),
};

/** The booking made from a hold, if there is one. */
export async function bookingOfHold(holdId: string): Promise<Booking | null> {
  const recent = await bookings.recent();
  return recent.find((booking) => booking.hold === holdId) ?? null;
}

/** Paying lives in shared code (the vendor portal pays its booth fee the same way). */
export { offeredProviders, payments } from "../../../shared/payments/api";

export const tickets = {
  all: () => allPages<TicketPage>("/api/tickets/"),
  get: (id: number) => api<Ticket>(`/api/tickets/${id}/`),
};

export const invoices = {
  /** A booking's invoices and credit notes, oldest first. */
  of: (bookingId: string) => api<Invoice[]>(`/api/bookings/${encodeURIComponent(bookingId)}/invoices/`),
  /** E-mail them again to the booking's contact (202; 429 rate_limited, 409 no_invoices). */
  resend: (bookingId: string) =>
    api<InvoicesQueued>(`/api/bookings/${encodeURIComponent(bookingId)}/invoices/resend/`, { method: "POST" }),
  /** The PDF (fetched with the guest's token: see DownloadButton). */
  pdfPath: (number: string) => `/api/invoices/${encodeURIComponent(number)}.pdf`,
};

export const transfers = {
  all: () => allPages<TransferPage>("/api/tickets/transfers/", { maxPages: 3 }),
  offer: (ticket: number, phone: string, name: string) => {
    const body: TransferRequest = name ? { ticket, phone, name } : { ticket, phone };
    return api<Transfer>("/api/tickets/transfers/", { body });
  },
  accept: (id: string) => api<Transfer>(`/api/tickets/transfers/${id}/accept/`, { method: "POST" }),
  cancel: (id: string) => api<Transfer>(`/api/tickets/transfers/${id}/cancel/`, { method: "POST" }),
};

/** The providers an event takes (`?event=` adds `pay_at_venue` where the event allows it). */
export async function eventProviders(event: string): Promise<string[]> {
  const answer = await api<Providers>(`/api/payments/providers/?${new URLSearchParams({ event })}`, { auth: "none" });
  return answer.providers;
}
