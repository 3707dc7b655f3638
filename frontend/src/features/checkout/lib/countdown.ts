/**
 * A hold's countdown on the client's clock. The server says when the hold ends
 * (`expires_at`) and what time it was when it answered (`server_time`); the difference between
 * its clock and ours is taken out, so a wrong clock on the phone (or a reload) never changes
 * the time left. Seconds left and the clock's text: src/shared/lib/clock.ts.
 */
import type { Hold } from "../../../api/schema";

/** How long before the end the guest is warned (the server's `hold.expiring` comes then too). */
export const WARNING_SECONDS = 60;

/** When the hold ends and the server's time when it said so (a hold's REST answer or its topic's). */
export type ServerClock = Pick<Hold, "expires_at" | "server_time">;

/** The server's clock minus ours, in ms, from an answer received at `receivedAt` (our clock). */
export function clockOffsetMs(serverTime: string, receivedAt: number): number {
  const server = Date.parse(serverTime);
  return Number.isFinite(server) ? server - receivedAt : 0;
}

/** When the hold ends, on our clock (ms since the epoch). */
export function deadlineOf(state: ServerClock, receivedAt: number): number {
  const expires = Date.parse(state.expires_at);
  if (!Number.isFinite(expires)) return receivedAt;
  return expires - clockOffsetMs(state.server_time, receivedAt);
}

export type HoldPhase = "running" | "warning" | "over";

export function phaseOf(seconds: number, warnAt: number = WARNING_SECONDS): HoldPhase {
  if (seconds <= 0) return "over";
  return seconds <= warnAt ? "warning" : "running";
}

/** What "more time" really did: how much it added and how long the hold now runs (seconds). */
export interface Extension {
  addedSeconds: number;
  secondsLeft: number;
}

/**
 * The extension the server's answer (received at `receivedAt`) shows, against the deadline
 * the page had before (`before`, ms on our clock; 0 when unknown). The words come from these
 * numbers, never from what the button promised.
 */
export function extensionOf(before: number, answer: ServerClock, receivedAt: number): Extension {
  const after = deadlineOf(answer, receivedAt);
  const secondsLeft = Math.max(0, Math.ceil((after - receivedAt) / 1000));
  const addedSeconds = before > 0 ? Math.max(0, Math.round((after - before) / 1000)) : 0;
  return { addedSeconds, secondsLeft };
}
