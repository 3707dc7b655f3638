/**
 * The staff lists follow `event:{slug}:bookings`: its snapshot is the first page of the
 * event's bookings (no filters), each `booking` frame one booking as the list shows it.
 * Pure functions: where a frame goes in the page on screen, and today's job board.
 */
import type { Booking, BookingPage } from "../../../api/schema";
import type { BookingFilters } from "./filters";

/** The bookings in a snapshot or frame (anything else is ignored). */
export function bookingsOf(data: unknown): Booking[] {
  const value = data as { results?: unknown; bookings?: unknown; booking?: unknown; id?: unknown } | null;
  if (!value || typeof value !== "object") return [];
  if (Array.isArray(value.results)) return value.results as Booking[];
  if (Array.isArray(value.bookings)) return value.bookings as Booking[];
  if (value.booking && typeof value.booking === "object") return [value.booking as Booking];
  if (typeof value.id === "string") return [value as Booking];
  return [];
}

const unfiltered = (filters: BookingFilters) => !filters.status && !filters.date && !filters.search.trim();

/** Whether a booking belongs on a page with these filters, as far as the browser can tell. */
function matches(booking: Booking, filters: BookingFilters, dayOf: (iso: string) => string): boolean {
  if (filters.status && booking.status !== filters.status) return false;
  if (filters.date && !booking.items.some((item) => dayOf(item.starts_at) === filters.date)) return false;
  return !filters.search.trim();
}

/**
 * A booking that changed, on the page on screen: replaced where it is; a booking the page
 * does not show yet joins the top of the first page when it matches the filters.
 */
export function applyBooking(
  page: BookingPage,
  booking: Booking,
  filters: BookingFilters,
  dayOf: (iso: string) => string,
): BookingPage {
  const index = page.results.findIndex((row) => row.id === booking.id);
  if (index >= 0) {
    const results = [...page.results];
    results[index] = booking;
    return { ...page, results };
  }
  if (booking.event !== undefined && page.results[0] && booking.event !== page.results[0].event) return page;
  if (filters.page !== 1 || !matches(booking, filters, dayOf)) return page;
  const results = [booking, ...page.results].slice(0, Math.max(page.page_size ?? 20, page.results.length));
  return { ...page, results, count: page.count + 1, pages: Math.max(page.pages, 1) };
}

/** The snapshot replaces the first page only when nothing filters it (it is that page). */
export function applySnapshot(page: BookingPage | null, snapshot: Booking[], filters: BookingFilters): BookingPage | null {
  if (!page || !unfiltered(filters) || filters.page !== 1) return page;
  return { ...page, results: snapshot.slice(0, Math.max(page.page_size ?? 20, snapshot.length)) };
}

export type BoardColumn = "confirmed" | "in_progress" | "completed" | "closed";
export const BOARD_COLUMNS: readonly BoardColumn[] = ["confirmed", "in_progress", "completed", "closed"];

/** Which column of the job board a booking sits in (null: not on the board). */
export function columnOf(status: string): BoardColumn | null {
  if (status === "confirmed" || status === "in_progress" || status === "completed") return status;
  if (status === "cancelled" || status === "no_show") return "closed";
  return null;
}

/** Today's jobs by column, each by start time. */
export function boardOf(bookings: readonly Booking[], today: string, dayOf: (iso: string) => string) {
  const columns: Record<BoardColumn, Booking[]> = { confirmed: [], in_progress: [], completed: [], closed: [] };
  const start = (booking: Booking) => booking.items.map((item) => item.starts_at).sort()[0] ?? "";
  for (const booking of bookings) {
    const column = columnOf(booking.status);
    if (!column || !booking.items.some((item) => dayOf(item.starts_at) === today)) continue;
    columns[column].push(booking);
  }
  for (const column of BOARD_COLUMNS) columns[column].sort((a, b) => start(a).localeCompare(start(b)));
  return columns;
}

/** A booking merged into a list by id (added when new). */
export function upsert(list: readonly Booking[], booking: Booking): Booking[] {
  const index = list.findIndex((row) => row.id === booking.id);
  if (index < 0) return [...list, booking];
  const next = [...list];
  next[index] = booking;
  return next;
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(timeZone: string | undefined) {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (iso: string) => format.format(new Date(iso));
}
