/**
 * The guest's bookings and tickets as the API answers them (GET /api/bookings/, /api/tickets/),
 * for every area that shows them (checkout and "my bookings", the VIP evening's confirmation),
 * and the paging of those lists.
 */
import { api } from "../api/client";

export type BookingStatus =
  | "pending_payment"
  | "confirmed"
  | "in_progress"
  | "completed"
  | "cancelled"
  | "expired"
  | "refunded";

export const BOOKING_STATUSES: readonly BookingStatus[] = [
  "pending_payment",
  "confirmed",
  "in_progress",
  "completed",
  "cancelled",
  "expired",
  "refunded",
];

export interface BookingItem {
  slot: number;
  resource: number;
  resource_name: string;
  starts_at: string;
  ends_at: string;
  quantity: number;
  unit_price: string;
  total: string;
}

export interface Booking {
  id: string;
  reference: string;
  event: string;
  event_name: string;
  status: BookingStatus;
  amount: string;
  currency: string;
  provider: string;
  refunded_amount: string;
  hold: string | null;
  items: BookingItem[];
  contact: { name: string; phone: string; email: string };
  details: Record<string, unknown>;
  created_at: string;
  confirmed_at: string | null;
}

export type TicketStatus = "valid" | "void" | string;

export interface Ticket {
  id: number;
  booking: string;
  event: string;
  event_name: string;
  label: string;
  holder_name: string;
  holder_phone: string;
  status: TicketStatus;
  version: number;
  starts_at: string;
  ends_at: string;
  admitted_at: string | null;
  qr_payload: string;
  qr_png: string;
  qr_svg: string;
}

/** One page of a list answer. */
export interface Page<T> {
  count: number;
  page: number;
  pages: number;
  results: T[];
}

/** Every page of a list, 100 at a time (bounded: a guest has far fewer than this). */
export async function allPages<T>(
  path: string,
  { maxPages = 10, signal }: { maxPages?: number; signal?: AbortSignal } = {},
): Promise<T[]> {
  const results: T[] = [];
  for (let page = 1; page <= maxPages; page += 1) {
    const joiner = path.includes("?") ? "&" : "?";
    const answer = await api<Page<T>>(`${path}${joiner}page=${page}&page_size=100`, { signal });
    results.push(...answer.results);
    if (page >= answer.pages) break;
  }
  return results;
}

/** The signed-in guest's tickets of one booking. */
export function ticketsOfBooking(bookingId: string, signal?: AbortSignal): Promise<Ticket[]> {
  return allPages<Ticket>(`/api/tickets/?booking=${encodeURIComponent(bookingId)}`, { signal });
}
