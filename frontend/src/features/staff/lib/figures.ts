/**
 * GET /api/staff/dashboard/?event= (the figures of the event's business) and
 * GET /api/staff/bookings/export.csv: their shapes, narrowed by hand where the schema says
 * "an object" (see src/api/schema.ts), and the pure helpers the charts and the export use.
 */
import type { components } from "../../../api/types";

type Output = components["schemas"]["StaffDashboardOutput"];

export interface Sales {
  bookings: number;
  gross: string;
  refunded: string;
  net: string;
  tickets?: number;
  capacity?: number;
  left?: number;
}

export interface TicketTypeFigures {
  key: string;
  name: string;
  kind: string;
  sold: number;
  gross: string;
  net: string;
  capacity: number;
  left: number;
}

export interface TimelinePoint {
  /** A day ("2026-12-02") or a local hour ("2026-12-02T13:00") of the venue. */
  at: string;
  sold: number;
  net: string;
}

export interface Night {
  date: string;
  rooms: number;
  sold: number;
  held: number;
  occupancy: number;
}

export interface StayGuest {
  id: string;
  reference: string;
  name: string;
  phone: string;
  status: string;
  rooms: string[];
  starts_at: string;
  ends_at: string;
  guests: number | null;
}

export interface RoomDay {
  date: string;
  open: number;
  booked: number;
  utilisation: number;
}

export interface RoomFigures {
  id: number;
  name: string;
  open: number;
  booked: number;
  utilisation: number;
  days: RoomDay[];
}

export interface Job {
  id: string;
  reference: string;
  name: string;
  phone: string;
  status: string;
  payment_status: string;
  amount: string;
  starts_at: string;
  ends_at: string;
  location: string;
  vehicle: string;
  vehicle_type: string;
  services: string[];
}

export type StaffFigures = Omit<
  Output,
  "sales" | "ticket_types" | "timeline" | "occupancy" | "arrivals" | "departures" | "rooms" | "columns" | "upcoming"
> & {
  sales: Sales;
  ticket_types?: TicketTypeFigures[];
  timeline?: TimelinePoint[];
  occupancy?: Night[];
  arrivals?: StayGuest[];
  departures?: StayGuest[];
  rooms?: RoomFigures[];
  columns?: Record<string, Job[]>;
  upcoming?: Job[];
};

export interface FiguresQuery {
  date_from?: string;
  date_to?: string;
  day?: string;
  granularity?: "day" | "hour";
}

/** What to ask for: a resort's or the rooms' first day (`start`), the repair shop's board's
 * day (`start` too), or an event's sales hour by hour on one day (`hourDay`; null: day by
 * day). */
export function figuresQuery(kind: string, start: string, hourDay: string | null): FiguresQuery {
  if (kind === "stays" || kind === "rooms") return start ? { date_from: start } : {};
  if (kind === "service") return start ? { day: start } : {};
  return hourDay ? { granularity: "hour", date_from: hourDay, date_to: hourDay } : {};
}

function query(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  return params.toString();
}

export function figuresPath(event: string, asked: FiguresQuery = {}): string {
  return `/api/staff/dashboard/?${query({ event, ...asked })}`;
}

export interface ExportFilters {
  date_from: string;
  date_to: string;
  status: string;
}

export function exportPath(event: string, filters: ExportFilters, lang: string): string {
  return `/api/staff/bookings/export.csv?${query({ event, ...filters, lang })}`;
}

/** `bookings-<event>-<YYYY-MM-DD>.csv`, the day being the venue's today. */
export function exportFileName(event: string, today: string): string {
  return `bookings-${event}-${today}.csv`;
}

/** A bar's length: the share of `max` in percent (0–100); a value above 0 shows at least 1%. */
export function barPercent(value: number, max: number): number {
  if (!(max > 0) || !(value > 0)) return 0;
  return Math.min(100, Math.max(1, (value / max) * 100));
}

/** The largest of the values (0 for none). */
export function largest(values: readonly number[]): number {
  return values.reduce((top, value) => (value > top ? value : top), 0);
}

/** Sold places as a share of the places there are (0–1; 0 when there are none). */
export function soldShare(type: Pick<TicketTypeFigures, "sold" | "capacity">): number {
  return type.capacity > 0 ? Math.min(1, type.sold / type.capacity) : 0;
}

export const JOB_COLUMNS = ["confirmed", "in_progress", "completed", "closed"] as const;
export type JobColumn = (typeof JOB_COLUMNS)[number];

/** The repair board's four columns: waiting for payment sits with booked, cancelled with
 * no-show. */
export function jobColumns(columns: Record<string, Job[]> | undefined): Record<JobColumn, Job[]> {
  const of = (status: string) => columns?.[status] ?? [];
  return {
    confirmed: [...of("pending_payment"), ...of("confirmed")],
    in_progress: of("in_progress"),
    completed: of("completed"),
    closed: [...of("no_show"), ...of("cancelled")],
  };
}

/** The next step of a job on the board, as the staff status workflow names it. */
export function nextStatus(status: string): "in_progress" | "completed" | null {
  if (status === "confirmed") return "in_progress";
  if (status === "in_progress") return "completed";
  return null;
}

/** Whether a point is an hour ("…T13:00") rather than a day. */
export function isHour(at: string): boolean {
  return /T\d{2}:\d{2}$/.test(at);
}
