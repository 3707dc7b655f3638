/** An event as the public API describes it (GET /api/events/ and /api/events/{slug}/). */

export type EventKind = "festival" | "stays" | "rooms" | "service" | "vip";
export type EventStatus = "on_sale" | "closed" | "draft";

export interface Venue {
  name: string;
  city: string;
  address: string;
  time_zone: string;
}

export interface EventSummary {
  slug: string;
  name: string;
  kind: EventKind | string;
  status: EventStatus | string;
  description: string;
  starts_at: string;
  ends_at: string;
  currency: string;
  /** The language the event's own texts (name, description) are written in. */
  language: string;
  allowlist_only: boolean;
  hold_minutes: number;
  max_quantity_per_hold: number;
  venue: Venue;
}
