/** The shapes the staff pages read from the API and the websocket (see the backend's outputs). */

import type { Booking as GuestBooking } from "../../lib/bookings";

export { BOOKING_STATUSES } from "../../lib/bookings";
export type { BookingItem, BookingStatus } from "../../lib/bookings";


/** A booking as staff see it: the guest's view and the staff's note. */
export interface Booking extends GuestBooking {
  note: string;
}

export interface Page<T> {
  count: number;
  page: number;
  page_size: number;
  pages: number;
  results: T[];
}

export interface StaffEvent {
  slug: string;
  name: string;
  kind: string;
  status: string;
  starts_at: string;
  ends_at: string;
  currency: string;
  venue: { name: string; city: string; time_zone: string };
}

export interface Device {
  id: number;
  label: string;
  event: string | null;
  token_hint: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  /** The gates it scans at (a station scans nowhere else). */
  gates: GateRef[];
}

export interface GateRef {
  id: number;
  name: string;
}

export interface CreatedDevice extends Device {
  token: string;
}

export interface Gate {
  id: number;
  name: string;
  mode: string;
  topic: string;
}
