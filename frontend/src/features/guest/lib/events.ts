/**
 * Small rules about events: where a card links, the lowest price, and the event page's query
 * string (the day of a room booking, the dates and party of a stay), which other pages (the
 * stay search) use to open an event page preselected.
 */
import type { EventSummary, Resource } from "../../../api/schema";
import { addDays, daysBetween, isIsoDate, todayIn } from "./dates";
import type { IsoDate } from "./dates";

/** How many days ahead the slot grid offers. */
export const BOOKING_DAYS = 14;
/** The longest stay the server accepts (inventory/stays.py MAX_NIGHTS). */
export const MAX_NIGHTS = 30;
export const MAX_GUESTS = 20;

/** Where an event's card goes: allowlist-only evenings start with the invitation check. */
export function eventHref(event: Pick<EventSummary, "slug" | "allowlist_only">): string {
  const slug = encodeURIComponent(event.slug);
  return event.allowlist_only ? `/verify?event=${slug}` : `/events/${slug}`;
}

/** The lowest price of what the event sells, as the API wrote it (null: nothing priced). */
export function priceFrom(resources: readonly Pick<Resource, "price">[]): string | null {
  let best: number | null = null;
  let text: string | null = null;
  for (const resource of resources) {
    const value = Number.parseFloat(resource.price);
    if (!Number.isFinite(value) || value <= 0) continue;
    if (best === null || value < best) {
      best = value;
      text = resource.price;
    }
  }
  return text;
}

export interface EventQuery {
  /** rooms and service: the day shown. */
  date: IsoDate;
  /** stays. */
  checkIn: IsoDate;
  checkOut: IsoDate;
  guests: number;
  /** stays: rooms to preselect. */
  rooms: number[];
}

function positiveInt(value: string | null, fallback: number, max: number): number {
  const parsed = value === null ? Number.NaN : Number(value);
  return Number.isInteger(parsed) && parsed >= 1 ? Math.min(parsed, max) : fallback;
}

/** Read the event page's query, with sensible days for whatever is missing or out of range. */
export function parseEventQuery(params: URLSearchParams, timeZone: string, now: Date = new Date()): EventQuery {
  const today = todayIn(timeZone, now);
  const lastDay = addDays(today, BOOKING_DAYS - 1);
  const rawDate = params.get("date");
  const date = isIsoDate(rawDate) && rawDate >= today && rawDate <= lastDay ? rawDate : today;

  const rawIn = params.get("check_in");
  const checkIn = isIsoDate(rawIn) && rawIn >= today ? rawIn : today;
  const rawOut = params.get("check_out");
  const nights = isIsoDate(rawOut) ? daysBetween(checkIn, rawOut) : 0;
  const checkOut = nights >= 1 && nights <= MAX_NIGHTS ? rawOut! : addDays(checkIn, nights > MAX_NIGHTS ? MAX_NIGHTS : 2);

  const rooms = (params.get("rooms") ?? "")
    .split(",")
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0);

  return {
    date,
    checkIn,
    checkOut,
    guests: positiveInt(params.get("guests"), 2, MAX_GUESTS),
    rooms,
  };
}

/** The query string for a stay on an event page. */
export function stayQuery(stay: { checkIn: IsoDate; checkOut: IsoDate; guests: number; rooms?: number[] }): string {
  const params = new URLSearchParams({
    check_in: stay.checkIn,
    check_out: stay.checkOut,
    guests: String(stay.guests),
  });
  if (stay.rooms?.length) params.set("rooms", stay.rooms.join(","));
  return `?${params}`;
}

/** The range of slots the page shows, as `from`/`to` dates for the REST call and the topic. */
export function availabilityRange(kind: string, query: EventQuery): { from: IsoDate; to: IsoDate } | null {
  if (kind === "rooms" || kind === "service") return { from: query.date, to: query.date };
  if (kind === "stays") return { from: query.checkIn, to: addDays(query.checkOut, -1) };
  return null;
}
