/**
 * What the VIP flow carries from page to page (the event, the phone, the code's request id,
 * the hold being turned into a booking), kept in this tab's sessionStorage so that none of it
 * shows in an address, a history entry or a shared link.
 */
import { signInPath } from "../../../shared/auth/nextPath";

export const DEFAULT_EVENT = "vip-evening";
const STORAGE_KEY = "gh.vip.flow";

export interface VipFlow {
  /** Slug of the event the invitation is for. */
  event: string;
  /** The phone as the guest typed it, in Latin digits ("+966500000001" or "0500000001"). */
  phone?: string;
  /** The code request being answered on /otp. */
  requestId?: string;
  /** When the code was sent, when a new one may be asked for, when it stops working (ms). */
  sentAt?: number;
  resendAt?: number;
  expiresAt?: number;
  /** A hold taken on /book that has not become a booking yet. */
  holdId?: string;
}

/** The minimal storage this module needs (sessionStorage in the browser, a Map in tests). */
export interface FlowStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function storage(): FlowStorage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null; // storage blocked: the flow still works within one page
  }
}

const SLUG = /^[a-z0-9][a-z0-9_-]{0,99}$/i;

/** The event an invitation link names (`?event=`), or the VIP evening. */
export function eventFromSearch(search: string | URLSearchParams): string {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const slug = params.get("event")?.trim() ?? "";
  return SLUG.test(slug) ? slug : DEFAULT_EVENT;
}

export function readFlow(store: FlowStorage | null = storage()): VipFlow | null {
  const text = store?.getItem(STORAGE_KEY);
  if (!text) return null;
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === "object" && typeof (value as VipFlow).event === "string") {
      return value as VipFlow;
    }
  } catch {
    /* damaged: start again */
  }
  return null;
}

export function writeFlow(flow: VipFlow, store: FlowStorage | null = storage()): void {
  store?.setItem(STORAGE_KEY, JSON.stringify(flow));
}

/** Change some fields of the stored flow (starting one for `event` if there is none). */
export function updateFlow(
  event: string,
  changes: Partial<VipFlow>,
  store: FlowStorage | null = storage(),
): VipFlow {
  const current = readFlow(store);
  const base: VipFlow = current && current.event === event ? current : { event };
  const next: VipFlow = { ...base, ...changes, event };
  for (const key of Object.keys(next) as (keyof VipFlow)[]) {
    if (next[key] === undefined) delete next[key];
  }
  writeFlow(next, store);
  return next;
}

/** Forget everything about who is signing in (after /sorry, or once booked). */
export function clearFlow(store: FlowStorage | null = storage()): void {
  store?.removeItem(STORAGE_KEY);
}

/** A code was sent: remember where it went and when the next may be asked for. */
export function codeSent(
  event: string,
  phone: string,
  sent: { request_id: string; resend_in: number; expires_in: number },
  now: number = Date.now(),
  store: FlowStorage | null = storage(),
): VipFlow {
  return updateFlow(
    event,
    {
      phone,
      requestId: sent.request_id,
      sentAt: now,
      resendAt: now + sent.resend_in * 1000,
      expiresAt: now + sent.expires_in * 1000,
    },
    store,
  );
}

/** How many whole minutes a code sent at `sentAt` stays valid (at least one). */
export function validMinutes(flow: Pick<VipFlow, "sentAt" | "expiresAt">): number {
  if (!flow.sentAt || !flow.expiresAt) return 5;
  return Math.max(1, Math.round((flow.expiresAt - flow.sentAt) / 60_000));
}

/** Where the confirmation of a booking lives (a path of the VIP flow). */
export function confirmationPath(bookingId: string): string {
  return `/vip/confirmed/${encodeURIComponent(bookingId)}`;
}

/**
 * Signing in (anywhere, by code) to come back to `/verify`, where a guest who has booked is
 * shown their pass. Offered to every refused phone alike, so it tells nobody who is invited.
 */
export function passSignInPath(event: string): string {
  return signInPath(verifyPath(event));
}

/** `/verify` keeping the event when it is not the default one. */
export function verifyPath(event: string): string {
  return event === DEFAULT_EVENT ? "/verify" : `/verify?event=${encodeURIComponent(event)}`;
}

/** Other VIP paths that must keep naming a non-default event. */
export function withEvent(path: string, event: string): string {
  return event === DEFAULT_EVENT ? path : `${path}?event=${encodeURIComponent(event)}`;
}
