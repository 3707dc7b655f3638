/**
 * The staff desk's vendors and booths: applications (approve, reject or revoke with a
 * reason), the event's booths (assign an approved vendor, empty one), and the festival map's
 * picture.
 *
 * Narrowed by hand: the schema types `user`, `booth`, `vendor` and `fee` as any object; the
 * server sends the shapes below (backend/vendors/api/output.py), the booth and its fee as in
 * src/shared/booths/types.ts.
 */
import { api } from "../../../api/client";
import { allPages } from "../../../api/paging";
import type { components } from "../../../api/types";
import type { Booth, BoothFee } from "../../../shared/booths/types";

type Schemas = components["schemas"];

export type VendorStatus = Schemas["VendorStatusEnum"];

/** GET /api/staff/vendors/ (each of `results`), and the decisions' answers. */
export type StaffVendor = Omit<Schemas["StaffVendorOutput"], "user" | "booth"> & {
  user: { id: number; name: string; phone: string; email: string };
  booth: Booth | null;
};

/** GET /api/staff/booths/ (each), POST …/assign/ and …/unassign/ */
export type StaffBooth = Omit<Schemas["StaffBoothOutput"], "vendor" | "fee"> & {
  vendor: { id: number; name: string; category: string } | null;
  fee: BoothFee | null;
};

interface VendorPage {
  count: number;
  page: number;
  pages: number;
  results: StaffVendor[];
}

const eventQuery = (event: string, extra: Record<string, string> = {}) =>
  new URLSearchParams({ event, ...extra }).toString();

export function listVendors(event: string, status: VendorStatus | "" = "", signal?: AbortSignal): Promise<StaffVendor[]> {
  const query = eventQuery(event, status ? { status } : {});
  return allPages<VendorPage>(`/api/staff/vendors/?${query}`, { signal });
}

export function approveVendor(id: number): Promise<StaffVendor> {
  return api<StaffVendor>(`/api/staff/vendors/${id}/approve/`, { method: "POST", body: {} });
}

export function rejectVendor(id: number, reason: string): Promise<StaffVendor> {
  return api<StaffVendor>(`/api/staff/vendors/${id}/reject/`, { body: { reason } });
}

export function revokeVendor(id: number, reason: string): Promise<StaffVendor> {
  return api<StaffVendor>(`/api/staff/vendors/${id}/revoke/`, { body: { reason } });
}

export function listBooths(event: string, signal?: AbortSignal): Promise<StaffBooth[]> {
  return api<StaffBooth[]>(`/api/staff/booths/?${eventQuery(event)}`, { signal });
}

export function assignBooth(booth: number, vendor: number): Promise<StaffBooth> {
  return api<StaffBooth>(`/api/staff/booths/${booth}/assign/`, { body: { vendor } });
}

export function unassignBooth(booth: number): Promise<StaffBooth> {
  return api<StaffBooth>(`/api/staff/booths/${booth}/unassign/`, { method: "POST", body: {} });
}

/** The festival map's picture (GET /api/events/{slug}/content/ → map.image); null: none. */
export function mapImage(event: string, signal?: AbortSignal): Promise<string | null> {
  return api<{ map?: { image?: string | null } }>(`/api/events/${encodeURIComponent(event)}/content/`, {
    auth: "none",
    signal,
  }).then(
    (body) => body.map?.image ?? null,
    () => null,
  );
}
