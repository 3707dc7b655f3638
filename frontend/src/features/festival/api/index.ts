/** The festival page's calls to the public REST API, with the shapes they answer. */
import { api } from "../../../api/client";
import type { EventDetail } from "../../../api/schema";
import type { components } from "../../../api/types";

// The schema's shapes (src/api/types.ts, generated from backend/content and backend/vendors).
type Schemas = components["schemas"];

/** GET /api/events/{slug}/content/ */
export type PageContent = Schemas["ContentOutput"];
export type ContentImage = Schemas["PageImageOutput"];
export type FaqEntry = Schemas["PageFaqOutput"];
export type ContentLink = Schemas["PageLinkOutput"];
export type FestivalMap = Schemas["FestivalMapOutput"];
export type MapStage = Schemas["StageOnMapOutput"];
export type MapBooth = Schemas["BoothOnMapOutput"];
/** GET /api/events/{slug}/sponsors/ (in display order) */
export type Sponsor = Schemas["SponsorOutput"];
/** GET /api/events/{slug}/schedule/, and the `event:{slug}:schedule` topic's items */
export type Performance = Schemas["ScheduleItemOutput"];
/** GET /api/events/{slug}/vendors/ (its `booth` is read by lib/vendors.ts boothOf) */
export type PublicVendor = Schemas["PublicVendorOutput"];
/** POST /api/events/{slug}/contact/ */
export type ContactRequest = Schemas["ContactInputRequest"];

const base = (slug: string) => `/api/events/${encodeURIComponent(slug)}`;

/** The event itself: its name, dates and the venue's time zone. */
export function fetchEvent(slug: string, signal?: AbortSignal): Promise<EventDetail> {
  return api<EventDetail>(base(slug) + "/", { auth: "none", signal });
}

export function fetchContent(slug: string, signal?: AbortSignal): Promise<PageContent> {
  return api<PageContent>(`${base(slug)}/content/`, { auth: "none", signal });
}

export function fetchSponsors(slug: string, signal?: AbortSignal): Promise<Sponsor[]> {
  return api<Sponsor[]>(`${base(slug)}/sponsors/`, { auth: "none", signal });
}

export function fetchSchedule(slug: string, signal?: AbortSignal): Promise<Performance[]> {
  return api<Performance[]>(`${base(slug)}/schedule/`, { auth: "none", signal });
}

export function fetchVendors(slug: string, signal?: AbortSignal): Promise<PublicVendor[]> {
  return api<PublicVendor[]>(`${base(slug)}/vendors/`, { auth: "none", signal });
}

export function sendContact(slug: string, body: ContactRequest): Promise<unknown> {
  return api(`${base(slug)}/contact/`, { method: "POST", body, auth: "none" });
}
