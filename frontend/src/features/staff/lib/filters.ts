/** The bookings list's filters: kept in the address (shareable, survive a reload) and sent to the API. */
import { latinDigits } from "../../../i18n/digits";
import { BOOKING_STATUSES } from "../../../api/schema";
import type { BookingStatus } from "../../../api/schema";

export interface BookingFilters {
  status: BookingStatus | "";
  /** YYYY-MM-DD: bookings with a slot that day. */
  date: string;
  search: string;
  page: number;
}

export const PAGE_SIZE = 20;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function filtersFromParams(params: URLSearchParams): BookingFilters {
  const status = params.get("status") ?? "";
  const date = params.get("date") ?? "";
  const page = Number(params.get("page"));
  return {
    status: (BOOKING_STATUSES as readonly string[]).includes(status) ? (status as BookingStatus) : "",
    date: DATE.test(date) ? date : "",
    search: (params.get("q") ?? "").slice(0, 100),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The address's query for these filters (defaults left out). */
export function filtersToParams(filters: BookingFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.date) params.set("date", filters.date);
  if (filters.search.trim()) params.set("q", filters.search.trim());
  if (filters.page > 1) params.set("page", String(filters.page));
  return params;
}

/** A search as the server matches it: digits in Latin, spaces trimmed. */
export function normaliseSearch(text: string): string {
  return latinDigits(text).trim().replace(/\s+/g, " ");
}

/** GET /api/staff/bookings/ for one event with these filters. */
export function bookingsPath(event: string, filters: BookingFilters, pageSize = PAGE_SIZE): string {
  const params = new URLSearchParams({ event, page: String(filters.page), page_size: String(pageSize) });
  if (filters.status) params.set("status", filters.status);
  if (filters.date) params.set("date", filters.date);
  const search = normaliseSearch(filters.search);
  if (search) params.set("search", search);
  return `/api/staff/bookings/?${params}`;
}

/** A pasted booking id opens that booking directly (the list's search knows names, not ids). */
export function bookingIdIn(text: string): string | null {
  const trimmed = text.trim();
  return UUID.test(trimmed) ? trimmed.toLowerCase() : null;
}

