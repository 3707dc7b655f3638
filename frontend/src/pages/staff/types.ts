/** The shapes the staff pages read from the API and the websocket (see the backend's outputs). */

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
  note: string;
  created_at: string;
  confirmed_at: string | null;
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
