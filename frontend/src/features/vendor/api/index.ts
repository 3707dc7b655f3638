/**
 * The vendor portal's REST calls: apply, the profile (read and edit, with a logo), the
 * dashboard, the setup code, and the event's public facts and map.
 *
 * Narrowed by hand: the schema types the nested objects of these answers (`booth`, `fee`,
 * `setup`, `passes`, `recent_scans`) as any object; the server sends the shapes below
 * (backend/vendors/api/output.py), the booth and its fee as in src/shared/booths/types.ts.
 */
import { api, upload } from "../../../api/client";
import type { EventDetail } from "../../../api/schema";
import type { components } from "../../../api/types";
import type { Booth, BoothFee } from "../../../shared/booths/types";

type Schemas = components["schemas"];

/** GET/PATCH /api/vendor/profile/, POST /api/events/{slug}/vendors/ */
export type Profile = Omit<Schemas["ProfileOutput"], "booth"> & { booth: Booth | null };
export type VendorStatus = Schemas["VendorStatusEnum"];
export type Category = Schemas["CategoryEnum"];

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
  booth: (Booth & { price: string; currency: string }) | null;
  fee: BoothFee | null;
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
