/**
 * The vendor portal's REST calls: apply, the profile (read and edit, with a logo), the
 * dashboard, the setup code, and the event's public facts and map.
 *
 * Narrowed by hand: the schema types the nested objects of these answers (`booth`, `fee`,
 * `setup`, `passes`, `recent_scans`) as any object; the server sends the shapes below
 * (backend/vendors/api/output.py).
 */
import { api, upload } from "../../../api/client";
import type { EventDetail } from "../../../api/schema";
import type { components } from "../../../api/types";

type Schemas = components["schemas"];

/** A booth's place on the map (percent of the map image). */
export interface BoothPlace {
  id: number;
  code: string;
  zone: string;
  size: "small" | "medium" | "large" | string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** GET/PATCH /api/vendor/profile/, POST /api/events/{slug}/vendors/ */
export type Profile = Omit<Schemas["ProfileOutput"], "booth"> & { booth: BoothPlace | null };
export type VendorStatus = Schemas["VendorStatusEnum"];
export type Category = Schemas["CategoryEnum"];

/** The booth fee: an ordinary booking paid like any other. */
export interface Fee {
  booking: string;
  amount: string;
  currency: string;
  status: string;
  payment_status: string;
}

export interface RecentScan {
  id: number;
  at: string;
  gate: { id: number; name: string } | null;
  status: string;
  message: string;
}

/** GET /api/vendor/dashboard/ */
export interface Dashboard {
  vendor: Profile;
  booth: (BoothPlace & { price: string; currency: string }) | null;
  fee: Fee | null;
  setup: { starts_at: string | null; ends_at: string | null; open: boolean };
  passes: { allowed: number; admitted: number };
  recent_scans: RecentScan[];
}

/** GET /api/vendor/setup-qr/ */
export type SetupCode = Omit<Schemas["SetupCodeOutput"], "ok">;

/** GET /api/events/{slug}/content/: only the map's image is read here. */
export type EventMap = Schemas["FestivalMapOutput"];

const query = (event: string) => `?${new URLSearchParams({ event })}`;

type ProfileFields = Record<string, string>;

export const vendorApi = {
  event: (slug: string, signal?: AbortSignal) =>
    api<EventDetail>(`/api/events/${encodeURIComponent(slug)}/`, { auth: "none", signal }),
  /** The festival map's image (null: none, or the event has no public page yet). */
  map: (slug: string) =>
    api<{ map?: EventMap }>(`/api/events/${encodeURIComponent(slug)}/content/`, { auth: "none" }).then(
      (body) => body.map ?? null,
      () => null,
    ),
  apply: (slug: string, fields: ProfileFields, logo: File | null) => {
    const path = `/api/events/${encodeURIComponent(slug)}/vendors/`;
    return logo ? upload<Profile>(path, { ...fields, logo }) : api<Profile>(path, { body: fields });
  },
  profile: (event: string) => api<Profile>(`/api/vendor/profile/${query(event)}`),
  update: (event: string, fields: ProfileFields, logo: File | null) => {
    const path = `/api/vendor/profile/${query(event)}`;
    return logo
      ? upload<Profile>(path, { ...fields, logo }, { method: "PATCH" })
      : api<Profile>(path, { method: "PATCH", body: fields });
  },
  dashboard: (event: string) => api<Dashboard>(`/api/vendor/dashboard/${query(event)}`),
  setupCode: (event: string) => api<SetupCode>(`/api/vendor/setup-qr/${query(event)}`),
};
