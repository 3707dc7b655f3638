/**
 * A hold's countdown on the client's clock. The server says when the hold ends
 * (`expires_at`) and what time it was when it answered (`server_time`); the difference between
 * its clock and ours is taken out, so a wrong clock on the phone (or a reload) never changes
 * the time left.
 */

/** How long before the end the guest is warned (the server's `hold.expiring` comes then too). */
export const WARNING_SECONDS = 60;

export interface ServerClock {
  expires_at: string;
  server_time: string;
}

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

/** Whole seconds left (rounded up, so "0:00" means it is over), never negative. */
export function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

export type HoldPhase = "running" | "warning" | "over";

export function phaseOf(seconds: number, warnAt: number = WARNING_SECONDS): HoldPhase {
  if (seconds <= 0) return "over";
  return seconds <= warnAt ? "warning" : "running";
}

/** "9:05", "0:42", "1:02:03": minutes and seconds, hours when there are any. */
export function formatClock(seconds: number, digits: (n: number, width: number) => string = pad): string {
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) return `${digits(hours, 1)}:${digits(minutes, 2)}:${digits(rest, 2)}`;
  return `${digits(minutes, 1)}:${digits(rest, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Digits in a language's own numerals ("٠٩" in Arabic), padded to a width. */
export function localDigits(lang: "ar" | "en"): (n: number, width: number) => string {
  const formats = new Map<number, Intl.NumberFormat>();
  const locale = lang === "ar" ? "ar-SA-u-nu-arab" : "en-GB";
  return (n, width) => {
    let format = formats.get(width);
    if (!format) {
      format = new Intl.NumberFormat(locale, { minimumIntegerDigits: width, useGrouping: false });
      formats.set(width, format);
    }
    return format.format(n);
  };
}

/** Minutes and seconds for a screen reader ("4 min 5 s" is built by the caller's words). */
export function splitMinutes(seconds: number): { minutes: number; seconds: number } {
  const total = Math.max(0, Math.floor(seconds));
  return { minutes: Math.floor(total / 60), seconds: total % 60 };
}
