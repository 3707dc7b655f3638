/**
 * The waiting room and waitlists as the guest's pages read them (docs/waiting-room.md):
 * the queue's REST answer and its `queue:{slug}:{token}` frames folded into one state, the
 * progress from the first position seen, the pass kept per event for POST /api/holds/, and a
 * waitlist entry with its `waitlist:{id}` frames. Pure functions: no React, no fetch.
 */

import { queueTopic, waitlistTopic } from "../../../realtime/topics";

export type QueueStatus = "waiting" | "admitted" | "expired" | "left";

export interface QueuePass {
  token: string;
  expires_at: string;
}

/** POST /api/events/{slug}/queue/ and GET …/queue/{token}/ (and the topic's snapshot). */
export interface QueueState {
  token: string;
  status: QueueStatus;
  /** 1 is the next let in; null before the opening's draw. */
  position: number | null;
  ahead: number | null;
  estimated_wait_seconds: number | null;
  opens_at: string | null;
  pass: QueuePass | null;
  /** The largest `ahead` seen: where the progress bar starts. */
  startAhead: number | null;
  /** The server's clock minus ours (ms), from the last `server_time`. */
  clockOffset: number;
}

const STATUSES: QueueStatus[] = ["waiting", "admitted", "expired", "left"];

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function passOf(value: unknown): QueuePass | null {
  if (!value || typeof value !== "object") return null;
  const raw = value as Record<string, unknown>;
  return typeof raw.token === "string" && typeof raw.expires_at === "string"
    ? { token: raw.token, expires_at: raw.expires_at }
    : null;
}

function offsetOf(serverTime: unknown, now: number, fallback: number): number {
  const at = typeof serverTime === "string" ? Date.parse(serverTime) : Number.NaN;
  return Number.isFinite(at) ? at - now : fallback;
}

function widest(start: number | null, ahead: number | null): number | null {
  if (ahead === null) return start;
  return start === null ? ahead : Math.max(start, ahead);
}

/** Read the REST answer or the snapshot (the same shape) onto what was known. */
export function readQueue(raw: unknown, previous: QueueState | null = null, now = Date.now()): QueueState | null {
  if (!raw || typeof raw !== "object") return previous;
  const data = raw as Record<string, unknown>;
  const token = typeof data.token === "string" ? data.token : previous?.token;
  if (!token) return previous;
  const status = STATUSES.includes(data.status as QueueStatus) ? (data.status as QueueStatus) : (previous?.status ?? "waiting");
  const ahead = num(data.ahead);
  return {
    token,
    status,
    position: num(data.position),
    ahead,
    estimated_wait_seconds: num(data.estimated_wait_seconds),
    opens_at: typeof data.opens_at === "string" ? data.opens_at : (previous?.opens_at ?? null),
    pass: passOf(data.pass) ?? (status === "admitted" ? (previous?.pass ?? null) : null),
    startAhead: widest(previous?.startAhead ?? null, ahead),
    clockOffset: offsetOf(data.server_time, now, previous?.clockOffset ?? 0),
  };
}

/** Apply one frame of `queue:{slug}:{token}`. */
export function applyQueueEvent(state: QueueState, kind: string, data: unknown, now = Date.now()): QueueState {
  const body = data && typeof data === "object" ? (data as Record<string, unknown>) : {};
  const clockOffset = offsetOf(body.server_time, now, state.clockOffset);
  switch (kind) {
    case "queue.position": {
      const ahead = num(body.ahead);
      return {
        ...state,
        clockOffset,
        status: "waiting",
        position: num(body.position),
        ahead,
        estimated_wait_seconds: num(body.estimated_wait_seconds),
        startAhead: widest(state.startAhead, ahead),
      };
    }
    case "queue.admitted":
      return { ...state, clockOffset, status: "admitted", position: null, ahead: 0, estimated_wait_seconds: 0, pass: passOf(body.pass) ?? state.pass };
    case "queue.expired":
      return { ...state, clockOffset, status: "expired", pass: null };
    case "queue.left":
      return { ...state, clockOffset, status: "left", pass: null };
    default:
      return state;
  }
}

/** How far along the line the guest is, 0 to 1 (1 once let in). */
export function progressOf(state: Pick<QueueState, "status" | "ahead" | "startAhead">): number {
  if (state.status === "admitted") return 1;
  if (state.ahead === null || !state.startAhead) return 0;
  return Math.min(1, Math.max(0, 1 - state.ahead / state.startAhead));
}

/** Whole seconds left until an ISO moment on the server's clock. */
export function secondsLeft(iso: string | null | undefined, clockOffset: number, now = Date.now()): number {
  const at = iso ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(at)) return 0;
  return Math.max(0, Math.ceil((at - (now + clockOffset)) / 1000));
}

/** A wait in words' parts: under a minute, or whole minutes (rounded up), or hours and minutes. */
export function waitParts(seconds: number): { unit: "soon" | "minutes" | "hours"; hours: number; minutes: number } {
  const total = Math.max(0, Math.ceil(seconds));
  if (total < 60) return { unit: "soon", hours: 0, minutes: 0 };
  const minutes = Math.ceil(total / 60);
  if (minutes < 60) return { unit: "minutes", hours: 0, minutes };
  return { unit: "hours", hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

// --- the queue's token and pass, kept per event for the tab ------------------------------

const PASS_KEY = (slug: string) => `gh.queue.pass.${slug}`;
const TOKEN_KEY = (slug: string) => `gh.queue.token.${slug}`;

export function savePass(storage: Storage, slug: string, pass: QueuePass): void {
  storage.setItem(PASS_KEY(slug), JSON.stringify(pass));
}

/** The event's pass while it is still valid (a spent or expired one is forgotten). */
export function readPass(storage: Storage, slug: string, now = Date.now()): QueuePass | null {
  const raw = storage.getItem(PASS_KEY(slug));
  if (!raw) return null;
  try {
    const pass = passOf(JSON.parse(raw));
    if (pass && Date.parse(pass.expires_at) > now) return pass;
  } catch {
    // fall through: not ours
  }
  storage.removeItem(PASS_KEY(slug));
  return null;
}

export function forgetPass(storage: Storage, slug: string): void {
  storage.removeItem(PASS_KEY(slug));
}

export function saveQueueToken(storage: Storage, slug: string, token: string): void {
  storage.setItem(TOKEN_KEY(slug), token);
}

export function readQueueToken(storage: Storage, slug: string): string | null {
  return storage.getItem(TOKEN_KEY(slug));
}

export function forgetQueueToken(storage: Storage, slug: string): void {
  storage.removeItem(TOKEN_KEY(slug));
}

// --- waitlists -------------------------------------------------------------------------

export type WaitlistStatus = "waiting" | "offered" | "taken" | "lapsed" | "left";

export interface WaitlistOffer {
  hold: string;
  expires_at: string;
}

export interface WaitlistEntry {
  id: string;
  event: string | null;
  slot: number | null;
  quantity: number;
  status: WaitlistStatus;
  position: number | null;
  offer: WaitlistOffer | null;
  /** Whatever else the server says about the slot (its time, its name), for the list. */
  label: string;
  starts_at: string | null;
}

const WAITLIST_STATUSES: WaitlistStatus[] = ["waiting", "offered", "taken", "lapsed", "left"];

function offerOf(value: unknown): WaitlistOffer | null {
  if (!value || typeof value !== "object") return null;
  const raw = value as Record<string, unknown>;
  const hold = typeof raw.hold === "string" || typeof raw.hold === "number" ? String(raw.hold) : null;
  return hold && typeof raw.expires_at === "string" ? { hold, expires_at: raw.expires_at } : null;
}

function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    const raw = value as Record<string, unknown>;
    for (const key of ["name", "label", "slug"]) if (typeof raw[key] === "string") return raw[key] as string;
  }
  return "";
}

/** One entry as GET /api/waitlist/{id}/ (or the topic's snapshot) answers it. */
export function readWaitlistEntry(raw: unknown): WaitlistEntry | null {
  if (!raw || typeof raw !== "object") return null;
  const data = raw as Record<string, unknown>;
  if (data.id === undefined || data.id === null) return null;
  const slot = data.slot && typeof data.slot === "object" ? (data.slot as Record<string, unknown>) : null;
  const status = WAITLIST_STATUSES.includes(data.status as WaitlistStatus) ? (data.status as WaitlistStatus) : "waiting";
  return {
    id: String(data.id),
    event: text(data.event) || null,
    slot: num(slot ? slot.id : data.slot),
    quantity: num(data.quantity) ?? 1,
    status,
    position: num(data.position),
    offer: status === "offered" ? offerOf(data.offer) : null,
    label: text(data.label) || text(data.slot_label) || (slot ? text(slot) : ""),
    starts_at:
      (typeof data.starts_at === "string" && data.starts_at) ||
      (slot && typeof slot.starts_at === "string" ? slot.starts_at : null),
  };
}

/** Apply one frame of `waitlist:{id}`. */
export function applyWaitlistEvent(entry: WaitlistEntry, kind: string, data: unknown): WaitlistEntry {
  switch (kind) {
    case "waitlist.offered":
      return { ...entry, status: "offered", offer: offerOf(data) ?? entry.offer };
    case "waitlist.taken":
      return { ...entry, status: "taken" };
    case "waitlist.lapsed":
      return { ...entry, status: "lapsed", offer: null };
    case "waitlist.left":
      return { ...entry, status: "left", offer: null };
    default:
      return entry;
  }
}

export const queueTopicOf = (slug: string, token: string) => queueTopic(slug, token);
export const waitlistTopicOf = (id: string) => waitlistTopic(id);
