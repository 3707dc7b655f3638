/** The REST calls of sign-in, checkout, payment and my bookings, with the shapes they answer. */
import { api, ApiError } from "../../api/client";
import { allPages } from "../../lib/bookings";
import type { Booking, BookingStatus, Page, Ticket } from "../../lib/bookings";
import { sortProviders } from "./lib/providers";

export type { Booking, BookingItem, BookingStatus, Ticket, TicketStatus } from "../../lib/bookings";

export interface HoldItem {
  slot: number;
  quantity: number;
  resource: number;
  resource_name: string;
  starts_at: string;
  ends_at: string;
  unit_price: string;
}

export type HoldStatus = "active" | "expired" | "released" | "converted";

export interface Hold {
  id: string;
  event: string;
  status: HoldStatus;
  expires_at: string;
  server_time: string;
  remaining_seconds: number;
  extensions_left: number;
  items: HoldItem[];
  total: string;
  currency: string;
  topic: string;
}

export type EventKind = "festival" | "stays" | "rooms" | "service" | "vip";

export interface EventResource {
  id: number;
  kind: string;
  name: string;
  guest_capacity: number;
  price: string;
  section: string;
  row: string;
  number: number | null;
}

export interface EventDetail {
  slug: string;
  name: string;
  kind: EventKind;
  currency: string;
  hold_minutes: number;
  venue: { name: string; city: string; address: string; time_zone: string };
  resources: EventResource[];
}

export type TransferStatus = "pending" | "accepted" | "cancelled" | "expired";

export interface Transfer {
  id: string;
  status: TransferStatus;
  direction: "sent" | "received";
  ticket: number;
  event: string;
  event_name: string;
  label: string;
  starts_at: string;
  phone: string;
  name: string;
  sender_name: string;
  created_at: string;
  expires_at: string;
  decided_at: string | null;
}

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
};

export interface BookingRequest {
  hold: string;
  guests?: unknown;
  details?: Record<string, unknown>;
}

export const bookings = {
  create: (body: BookingRequest) => api<Booking>("/api/bookings/", { body }),
  get: (id: string) => api<Booking>(`/api/bookings/${id}/`),
  cancel: (id: string) => api<Booking>(`/api/bookings/${id}/cancel/`, { method: "POST" }),
  /** The newest first; enough to find the booking of a hold made minutes ago. */
  recent: () => api<Page<Booking>>("/api/bookings/?page=1&page_size=50").then((p) => p.results),
  all: () => allPages<Booking>("/api/bookings/"),
};

/** The booking made from a hold, if there is one. */
export async function bookingOfHold(holdId: string): Promise<Booking | null> {
  const recent = await bookings.recent();
  return recent.find((booking) => booking.hold === holdId) ?? null;
}

export interface PayAnswer {
  payment: string;
  provider: string;
  amount: string;
  currency: string;
  client: Record<string, unknown>;
  providers: string[];
}

export const payments = {
  pay: (bookingId: string, provider: string) =>
    api<PayAnswer>(`/api/bookings/${bookingId}/pay/`, { body: { provider } }),
  razorpayVerify: (body: Record<string, string>) =>
    api<{ booking: string; status: BookingStatus }>("/api/payments/razorpay/verify/", { body }),
};

export const tickets = {
  all: () => allPages<Ticket>("/api/tickets/"),
  get: (id: number) => api<Ticket>(`/api/tickets/${id}/`),
};

export const transfers = {
  all: () => allPages<Transfer>("/api/tickets/transfers/", { maxPages: 3 }),
  offer: (ticket: number, phone: string, name: string) =>
    api<Transfer>("/api/tickets/transfers/", {
      body: name ? { ticket, phone, name } : { ticket, phone },
    }),
  accept: (id: string) => api<Transfer>(`/api/tickets/transfers/${id}/accept/`, { method: "POST" }),
  cancel: (id: string) => api<Transfer>(`/api/tickets/transfers/${id}/cancel/`, { method: "POST" }),
};

export function isApiError(error: unknown, code?: string, status?: number): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  if (code && error.code !== code) return false;
  if (status && error.status !== status) return false;
  return true;
}

/** The providers the server offers now (GET /api/payments/providers/), in display order. */
export async function offeredProviders(): Promise<string[]> {
  const answer = await api<{ providers: string[] }>("/api/payments/providers/", { auth: "none" });
  return sortProviders(answer.providers);
}
