/** The guest browsing pages' calls to the REST API, with the shapes they answer. */
import { api } from "../../../api/client";
import type {
  Availability,
  BestAvailableRequest,
  EventDetail,
  EventList,
  EventSummary,
  Hold,
  HoldItemRequest,
  HoldRequest,
  StaySearch,
  StaySuggestions,
} from "../../../api/schema";

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
};

export async function fetchEvents(signal?: AbortSignal): Promise<EventSummary[]> {
  const body = await api<EventList>("/api/events/", { auth: "none", signal });
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

/** The cities and resorts the typed text finds (either language, in part), for the search box. */
export function suggestStays(q: string, signal?: AbortSignal): Promise<StaySuggestions> {
  return api<StaySuggestions>(`/api/search/stays/suggestions/${query({ q })}`, { auth: "none", signal });
}

/** POST /api/holds/; `queuePass` is the waiting room's pass while the event's room is active. */
export function createHold(event: string, items: HoldItemRequest[], queuePass?: string): Promise<Hold> {
  const body: HoldRequest = queuePass ? { event, items, queue_pass: queuePass } : { event, items };
  return api<Hold>("/api/holds/", { method: "POST", body });
}

export function releaseHold(id: string): Promise<Hold> {
  return api<Hold>(`/api/holds/${encodeURIComponent(id)}/`, { method: "DELETE" });
}

/** POST /api/events/{slug}/best-available/: hold the best `quantity` seats together. */
export function holdBestAvailable(event: string, quantity: number, section?: string): Promise<Hold> {
  const body: BestAvailableRequest = section ? { quantity, section } : { quantity };
  return api<Hold>(`/api/events/${encodeURIComponent(event)}/best-available/`, { method: "POST", body });
}
