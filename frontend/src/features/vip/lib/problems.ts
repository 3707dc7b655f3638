/**
 * What a failed call means for the VIP flow. The server's messages are English only, so the
 * codes it sends are turned into our own words in both languages; anything that means "not on
 * the list" (whatever the reason) leads to the one /sorry page, which never says why.
 */
import { ApiError } from "../../../api/client";
import type { MessageKey } from "../../../i18n";
import { codeRefusal } from "../../../shared/auth/otpRefusal";
import type { DeadCode } from "../../../shared/auth/otpRefusal";

export type Problem =
  /** Not invited, no longer invited, already booked: the same /sorry for all. */
  | { kind: "sorry" }
  /** The session is gone: sign in again from /verify. */
  | { kind: "signin" }
  /** The code request is unknown (another device, storage lost): ask for a new code. */
  | { kind: "restart" }
  /** Our own words for it. */
  | { kind: "message"; key: MessageKey; vars?: Record<string, number> }
  /** No connection. */
  | { kind: "network" }
  /** Something we have no words for: the server's message, or a generic one. */
  | { kind: "other"; text: string };

function fieldNamed(error: ApiError, ...names: string[]): boolean {
  return names.some((name) => error.field(name) !== undefined);
}

function numberIn(error: ApiError, name: string): number | null {
  const value = error.body[name];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Refusals every step shares; null when the error is specific to a step. */
function common(error: unknown): Problem | null {
  if (error instanceof TypeError) return { kind: "network" };
  if (!(error instanceof ApiError)) return { kind: "other", text: "" };
  if (error.status === 403 || error.code === "already_booked") return { kind: "sorry" };
  if (error.status === 401) return { kind: "signin" };
  if (error.code === "rate_limited") {
    const seconds = Math.ceil(error.retryAfter ?? numberIn(error, "retry_after") ?? 60);
    return { kind: "message", key: "vip.error.wait", vars: { seconds } };
  }
  if (error.code === "sms_unavailable") return { kind: "message", key: "vip.error.sms" };
  return null;
}

function other(error: unknown): Problem {
  return { kind: "other", text: error instanceof ApiError ? error.message : "" };
}

/** Any other failed call (loading a page's data, a QR code, a PDF). */
export function generalProblem(error: unknown): Problem {
  return common(error) ?? other(error);
}

/** Asking for a code on /verify (or again on /otp). */
export function requestProblem(error: unknown): Problem {
  const shared = common(error);
  if (shared) return shared;
  const api = error as ApiError;
  if (api.code === "validation_error" && fieldNamed(api, "event"))
    return { kind: "message", key: "vip.error.event" };
  if (api.code === "validation_error" && fieldNamed(api, "phone"))
    return { kind: "message", key: "vip.verify.phoneInvalid" };
  return other(error);
}

const DEAD_CODE_WORDS: Record<DeadCode, MessageKey> = {
  exhausted: "vip.otp.exhausted",
  expired: "vip.otp.expired",
  superseded: "vip.otp.superseded",
  used: "vip.otp.used",
};

/** Checking a code on /otp. */
export function verifyProblem(error: unknown): Problem {
  const shared = common(error);
  if (shared) return shared;
  const api = error as ApiError;
  const refusal = codeRefusal(api.code, api.body);
  if (refusal?.kind === "wrong") {
    const left = refusal.attemptsLeft ?? 0;
    return left > 0
      ? { kind: "message", key: "vip.otp.wrong", vars: { count: left } }
      : { kind: "message", key: "vip.otp.noAttempts" };
  }
  if (refusal) return { kind: "message", key: DEAD_CODE_WORDS[refusal.kind] };
  if (api.code === "validation_error" && fieldNamed(api, "code"))
    return { kind: "message", key: "vip.otp.codeInvalid" };
  if (api.status === 404) return { kind: "restart" };
  if (api.code === "validation_error" && fieldNamed(api, "phone", "request_id"))
    return { kind: "restart" };
  return other(error);
}

const DEAD_CODE: MessageKey[] = [
  "vip.otp.exhausted",
  "vip.otp.expired",
  "vip.otp.superseded",
  "vip.otp.used",
  "vip.otp.noAttempts",
];

/** Whether a code failure means the code is dead and only a new one helps. */
export function needsNewCode(problem: Problem): boolean {
  return (
    problem.kind === "restart" || (problem.kind === "message" && DEAD_CODE.includes(problem.key))
  );
}

/** Holding an arrival time and booking it on /book. */
export function bookingProblem(error: unknown): Problem {
  const shared = common(error);
  if (shared) return shared;
  const api = error as ApiError;
  switch (api.code) {
    case "sold_out":
      return { kind: "message", key: "vip.book.soldOut" };
    case "hold_limit":
      return { kind: "message", key: "vip.book.holdLimit" };
    case "not_on_sale":
      return { kind: "message", key: "vip.book.notOnSale" };
    case "hold_expired":
    case "hold_not_active":
      return { kind: "message", key: "vip.book.holdExpired" };
  }
  if (api.code === "validation_error" && fieldNamed(api, "details", "name"))
    return { kind: "message", key: "vip.book.nameInvalid" };
  if (api.code === "validation_error" && fieldNamed(api, "items"))
    return { kind: "message", key: "vip.book.slotGone" };
  if (api.status === 404 && api.message.toLowerCase().includes("event"))
    return { kind: "message", key: "vip.error.event" };
  return other(error);
}
