/**
 * The staff desk's vendor and booth logic: which decisions an application allows, which
 * approved vendors can still be given a booth, a booth's state on the map, and what a 409 from
 * assigning means. Pure.
 */
import { ApiError } from "../../../api/client";

export type VendorAction = "approve" | "reject" | "revoke";

/** The server's transitions (backend/vendors/services/decisions.py): a pending application is
 * approved or rejected, a rejected one may still be approved, an approved vendor revoked. */
export function vendorActions(status: string): VendorAction[] {
  switch (status) {
    case "pending":
      return ["approve", "reject"];
    case "rejected":
      return ["approve"];
    case "approved":
      return ["revoke"];
    default:
      return [];
  }
}

/** Reject and revoke send the vendor a reason (the server refuses them without). */
export function needsReason(action: VendorAction): boolean {
  return action !== "approve";
}

export const REASON_MAX = 500;

/** A reason's problem before sending: none, missing, or too long. */
export function reasonProblem(reason: string): "required" | "tooLong" | null {
  const trimmed = reason.trim();
  if (!trimmed) return "required";
  if (trimmed.length > REASON_MAX) return "tooLong";
  return null;
}

export const VENDOR_FILTERS = ["", "pending", "approved", "rejected", "revoked"] as const;
export type VendorFilter = (typeof VENDOR_FILTERS)[number];

export function filterFromParam(value: string | null): VendorFilter {
  const wanted = value ?? "";
  return (VENDOR_FILTERS as readonly string[]).includes(wanted) ? (wanted as VendorFilter) : "";
}

interface VendorLike {
  id: number;
  name: string;
  status: string;
  booth: { id: number } | null;
}

interface BoothLike {
  id: number;
  vendor: { id: number } | null;
}

/** Approved vendors without a booth (by the vendor list and the booth list both), by name. */
export function vendorsWithoutBooth<V extends VendorLike>(vendors: readonly V[], booths: readonly BoothLike[]): V[] {
  const seated = new Set(booths.flatMap((booth) => (booth.vendor ? [booth.vendor.id] : [])));
  return vendors
    .filter((vendor) => vendor.status === "approved" && !vendor.booth && !seated.has(vendor.id))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function boothTone(booth: BoothLike): "free" | "taken" {
  return booth.vendor ? "taken" : "free";
}

/** The list with `booth` in place of its old copy. */
export function replaceBooth<B extends { id: number }>(booths: readonly B[], booth: B): B[] {
  return booths.map((old) => (old.id === booth.id ? booth : old));
}

export function countBooths(booths: readonly BoothLike[]): { free: number; taken: number } {
  const taken = booths.filter((booth) => booth.vendor).length;
  return { free: booths.length - taken, taken };
}

/**
 * What a refused assignment means for the page: `raced` (someone else just filled the booth
 * or seated the vendor: refresh and say so, naming who is in it when the server said),
 * `not_approved` (the vendor was revoked meanwhile: refresh), or another error to show.
 */
export type AssignRefusal =
  | { kind: "booth_taken"; by: string | null }
  | { kind: "vendor_has_booth" }
  | { kind: "vendor_not_approved" }
  | { kind: "other" };

export function assignRefusal(error: unknown): AssignRefusal {
  if (!(error instanceof ApiError) || error.status !== 409) return { kind: "other" };
  if (error.code === "booth_taken") {
    const vendor = error.body.vendor as { name?: unknown } | undefined;
    return { kind: "booth_taken", by: typeof vendor?.name === "string" ? vendor.name : null };
  }
  if (error.code === "vendor_has_booth") return { kind: "vendor_has_booth" };
  if (error.code === "vendor_not_approved") return { kind: "vendor_not_approved" };
  return { kind: "other" };
}
