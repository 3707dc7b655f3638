/**
 * The staff content API (backend/content/api/staff.py): the event page's texts, pictures
 * and map, the stages, the sponsors, the schedule with its delays, and the contact messages.
 * Pictures and logos go up as multipart/form-data (the shared client's `upload`).
 */
import { api, upload } from "../../../api/client";
import type { components } from "../../../api/types";

// The schema's shapes (src/api/types.ts, generated from backend/content/api/).
type Schemas = components["schemas"];

export type Faq = Schemas["PageFaqInputRequest"];
export type Link = Schemas["PageLinkInputRequest"];
/** GET and PATCH /api/staff/content/ */
export type StaffContent = Schemas["StaffContentOutput"];
export type ContentPatch = Schemas["PatchedContentPatchInputRequest"];
export type StaffImage = Schemas["StaffPageImageOutput"];
export type MapAnswer = Schemas["FestivalMapAnswer"];
/** /api/staff/stages/ */
export type Stage = Schemas["StageOutput"];
export type StageRequest = Schemas["StageInputRequest"];
/** /api/staff/sponsors/ */
export type SponsorTier = Schemas["TierEnum"];
export type StaffSponsor = Schemas["StaffSponsorOutput"];
/** /api/staff/schedule/ */
export type StaffPerformance = Schemas["StaffScheduleItemOutput"];
export type PerformanceRequest = Schemas["PerformanceInputRequest"];
/** /api/staff/messages/ */
export type ContactMessage = Schemas["ContactMessageOutput"];
export type MessagePage = Schemas["ContactMessagePage"];

const of = (event: string) => `?${new URLSearchParams({ event })}`;

// --- the page ----------------------------------------------------------------------------

export function loadContent(event: string, signal?: AbortSignal): Promise<StaffContent> {
  return api<StaffContent>(`/api/staff/content/${of(event)}`, { signal });
}

export function saveContent(event: string, body: ContentPatch): Promise<StaffContent> {
  return api<StaffContent>(`/api/staff/content/${of(event)}`, { method: "PATCH", body });
}

export function addImage(event: string, image: File, alt: string, altAr: string): Promise<StaffImage> {
  return upload<StaffImage>(`/api/staff/content/images/${of(event)}`, { image, alt, alt_ar: altAr });
}

export function deleteImage(id: number): Promise<unknown> {
  return api(`/api/staff/content/images/${id}/`, { method: "DELETE" });
}

export function putMap(event: string, image: File): Promise<MapAnswer> {
  return upload(`/api/staff/content/map/${of(event)}`, { image }, { method: "PUT" });
}

export function deleteMap(event: string): Promise<MapAnswer> {
  return api(`/api/staff/content/map/${of(event)}`, { method: "DELETE" });
}

// --- stages ------------------------------------------------------------------------------

export function loadStages(event: string, signal?: AbortSignal): Promise<Stage[]> {
  return api<Schemas["StageListOutput"]>(`/api/staff/stages/${of(event)}`, { signal }).then((body) => body.stages);
}

export function createStage(event: string, body: StageRequest): Promise<Stage> {
  return api<Stage>(`/api/staff/stages/${of(event)}`, { method: "POST", body });
}

export function updateStage(id: number, body: StageRequest): Promise<Stage> {
  return api<Stage>(`/api/staff/stages/${id}/`, { method: "PATCH", body });
}

export function deleteStage(id: number): Promise<unknown> {
  return api(`/api/staff/stages/${id}/`, { method: "DELETE" });
}

// --- sponsors ----------------------------------------------------------------------------

export interface SponsorFields {
  name: string;
  tier: SponsorTier;
  url: string;
  sort_order: number;
}

export function loadSponsors(event: string, signal?: AbortSignal): Promise<StaffSponsor[]> {
  return api<Schemas["SponsorListOutput"]>(`/api/staff/sponsors/${of(event)}`, { signal }).then((body) => body.sponsors);
}

export function createSponsor(event: string, fields: SponsorFields, logo: File | null): Promise<StaffSponsor> {
  return upload<StaffSponsor>(`/api/staff/sponsors/${of(event)}`, { ...fields, logo });
}

/** A new logo file replaces the old one; `removeLogo` takes it away (a JSON `logo: null`). */
export function updateSponsor(
  id: number,
  fields: SponsorFields,
  change: { logo: File | null; removeLogo: boolean },
): Promise<StaffSponsor> {
  const path = `/api/staff/sponsors/${id}/`;
  if (change.logo) return upload<StaffSponsor>(path, { ...fields, logo: change.logo }, { method: "PATCH" });
  const body = change.removeLogo ? { ...fields, logo: null } : fields;
  return api<StaffSponsor>(path, { method: "PATCH", body });
}

export function deleteSponsor(id: number): Promise<unknown> {
  return api(`/api/staff/sponsors/${id}/`, { method: "DELETE" });
}

// --- schedule ----------------------------------------------------------------------------

export function loadSchedule(event: string, signal?: AbortSignal): Promise<StaffPerformance[]> {
  return api<Schemas["StaffScheduleOutput"]>(`/api/staff/schedule/${of(event)}`, { signal }).then((body) => body.items);
}

export function createPerformance(event: string, body: PerformanceRequest): Promise<StaffPerformance> {
  return api<StaffPerformance>(`/api/staff/schedule/${of(event)}`, { method: "POST", body });
}

export function updatePerformance(id: number, body: PerformanceRequest): Promise<StaffPerformance> {
  return api<StaffPerformance>(`/api/staff/schedule/${id}/`, { method: "PATCH", body });
}

export function deletePerformance(id: number): Promise<unknown> {
  return api(`/api/staff/schedule/${id}/`, { method: "DELETE" });
}

/** Answers every performance it moved (with `cascade`, the later ones on that stage and day). */
export function delayPerformance(id: number, minutes: number, cascade: boolean): Promise<StaffPerformance[]> {
  const body: Schemas["DelayInputRequest"] = { minutes, cascade };
  return api<Schemas["StaffScheduleOutput"]>(`/api/staff/schedule/${id}/delay/`, {
    method: "POST",
    body,
  }).then((answer) => answer.items);
}

// --- messages ----------------------------------------------------------------------------

export type MessageFilter = "open" | "handled" | "all";

export function loadMessages(event: string, filter: MessageFilter, page: number, signal?: AbortSignal): Promise<MessagePage> {
  const params = new URLSearchParams({ event, page: String(page), page_size: "20" });
  if (filter !== "all") params.set("handled", filter === "handled" ? "true" : "false");
  return api<MessagePage>(`/api/staff/messages/?${params}`, { signal });
}

export function markHandled(id: number): Promise<ContactMessage> {
  return api<ContactMessage>(`/api/staff/messages/${id}/handled/`, { method: "POST", body: {} });
}
