/**
 * Which page the vendor portal shows, from what the server said about the caller's profile,
 * and the facts its dashboard words are made of (the setup window, crew passes, the fee).
 * Pure: times are passed in.
 */

export type VendorStatus = "pending" | "approved" | "rejected" | "revoked";

export type PortalView =
  | { view: "apply"; again: boolean }
  | { view: "pending" }
  | { view: "rejected"; reason: string }
  | { view: "revoked"; reason: string }
  | { view: "approved" };

/**
 * The portal's page for a profile (null: the caller never applied). A rejected applicant who
 * chose "apply again" (`reapplying`) gets the form, filled from the old application.
 */
export function portalView(
  profile: { status: string; reason?: string | null } | null,
  reapplying = false,
): PortalView {
  if (!profile) return { view: "apply", again: false };
  const reason = profile.reason ?? "";
  switch (profile.status) {
    case "approved":
      return { view: "approved" };
    case "rejected":
      return reapplying ? { view: "apply", again: true } : { view: "rejected", reason };
    case "revoked":
      return { view: "revoked", reason };
    default:
      return { view: "pending" };
  }
}

export type SetupPhase = "unset" | "before" | "open" | "after";

/** Where now is against the setup window (`open` from the server wins while it is fresh). */
export function setupPhase(
  setup: { starts_at?: string | null; ends_at?: string | null; open?: boolean } | null | undefined,
  now: number,
): SetupPhase {
  if (!setup?.starts_at || !setup.ends_at) return "unset";
  const start = Date.parse(setup.starts_at);
  const end = Date.parse(setup.ends_at);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return "unset";
  if (now < start) return "before";
  if (now >= end) return "after";
  return "open";
}

/** Crew passes: how many are in, of how many, and how many are left (never below zero). */
export function crewLine(passes: { allowed?: number | null; admitted?: number | null } | null | undefined) {
  const allowed = Math.max(0, passes?.allowed ?? 0);
  const admitted = Math.max(0, passes?.admitted ?? 0);
  return { allowed, admitted, left: Math.max(0, allowed - admitted), full: allowed > 0 && admitted >= allowed };
}

export type FeeState = "none" | "free" | "due" | "processing" | "paid" | "refunded" | "cancelled";

/**
 * The booth fee's state from the dashboard's `fee` (an ordinary booking): nothing to pay, to
 * pay, being confirmed, paid, or given back.
 */
export function feeState(
  fee: { amount?: string | number | null; status?: string | null; payment_status?: string | null } | null | undefined,
): FeeState {
  if (!fee) return "none";
  const amount = Number(fee.amount ?? 0);
  const status = fee.status ?? "";
  const payment = fee.payment_status ?? "";
  if (payment === "refunded" || payment === "partially_refunded" || status === "refunded") return "refunded";
  if (status === "cancelled" || status === "expired") return "cancelled";
  if (payment === "paid") return "paid";
  if (!(amount > 0)) return "free";
  if (status === "confirmed" || status === "completed" || status === "in_progress") {
    // Confirmed with money still due (paying at the desk): still to pay.
    return payment === "due" ? "due" : "paid";
  }
  return "due";
}

/** Whether the fee can be paid online now. */
export function canPayFee(state: FeeState): boolean {
  return state === "due";
}

/** A recent scan's tone (the colours of the scanning station). */
export function scanTone(status: string): "ok" | "warn" | "wait" | "bad" {
  if (status === "admitted" || status === "exited") return "ok";
  if (status === "already_used" || status === "crew_full") return "warn";
  if (status === "outside_setup") return "wait";
  return "bad";
}

/** How often the dashboard asks again while it is on screen (no topic carries it). */
export const REFRESH_MS = 30_000;
