/** The guest browsing pages' calls to the REST API, with the shapes they answer. */
import { api } from "../../api/client";
import type { Slot } from "../../lib/availability";
import type { EventSummary } from "../../lib/events";

export type { Slot } from "../../lib/availability";
export type { EventKind, EventStatus, EventSummary, Venue } from "../../lib/events";

export type ResourceKind = "seat" | "ticket" | "room" | "space" | "service";

export interface Resource {
  id: number;
  kind: ResourceKind | string;
  name: string;
  description: string;
  price: string;
  section: string;
  row: string;
  number: number | null;
  guest_capacity: number;
  units: number;
  attributes: Record<string, unknown>;
}

export interface EventDetail extends EventSummary {
  resources: Resource[];
}


export interface Availability {
  event: string;
  topic: string;
  epoch: string;
  seq: number;
  slots: Slot[];
  truncated: boolean;
}

export interface StayNight {
  date: string;
  slot: number;
  price: string;
}

export interface StayRoom {
  id: number;
  name: string;
  guest_capacity: number;
  fits_party: boolean;
  slots: number[];
  nights: StayNight[];
  total: string;
  currency: string;
  amenities: string[];
  attributes: Record<string, unknown>;
}

export interface StayVenue {
  id: number;
  name: string;
  city: string;
  address: string;
  time_zone: string;
  event: string;
  event_name: string;
  currency: string;
  free_rooms: number;
  cheapest_total: string;
  cheapest_rooms: number[];
  rooms: StayRoom[];
}

export interface StaySearch {
  location: string;
  check_in: string;
  check_out: string;
  nights: number;
  guests: number;
  count: number;
  page: number;
  page_size: number;
  pages: number;
  venues: StayVenue[];
}

export interface HoldItemRequest {
  slot: number;
  quantity: number;
}

export interface Hold {
  id: string;
  event: string;
  status: string;
  expires_at: string;
  total: string;
  currency: string;
}

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
};

export async function fetchEvents(signal?: AbortSignal): Promise<EventSummary[]> {
  const body = await api<{ events: EventSummary[] }>("/api/events/", { auth: "none", signal });
  return body.events;
}

export function fetchEvent(slug: string, signal?: AbortSignal): Promise<EventDetail> {
  return api<EventDetail>(`/api/events/${encodeURIComponent(slug)}/`, { auth: "none", signal });
}

export function fetchAvailability(
  slug: string,
  range: { from?: string; to?: string },
  signal?: AbortSignal,
): Promise<Availability> {
  return api<Availability>(
    `/api/events/${encodeURIComponent(slug)}/availability/${query(range)}`,
    { auth: "none", signal },
  );
}

export function searchStays(
  params: { location: string; check_in: string; check_out: string; guests: number; page?: number },
  signal?: AbortSignal,
): Promise<StaySearch> {
  return api<StaySearch>(`/api/search/stays/${query(params)}`, { auth: "none", signal });
}

export function createHold(event: string, items: HoldItemRequest[]): Promise<Hold> {
  return api<Hold>("/api/holds/", { method: "POST", body: { event, items } });
}

export function releaseHold(id: string): Promise<Hold> {
  return api<Hold>(`/api/holds/${encodeURIComponent(id)}/`, { method: "DELETE" });
}
