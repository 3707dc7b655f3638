/** What to tell someone whose code or phone the server refused, in their language. */
import type { CheckoutKey } from "./keys";

export interface ErrorLike {
  status: number;
  code: string;
  message: string;
  retryAfter: number | null;
  body: Record<string, unknown>;
  field(name: string): string | undefined;
}

export type OtpMessage =
  | { key: CheckoutKey; vars?: Record<string, string | number>; wait?: number; field?: "phone" | "code" }
  | { text: string; field?: "phone" | "code" };

/** `wait`: seconds before the same action may be tried again (429). */
export function otpErrorMessage(error: ErrorLike): OtpMessage {
  const attempts = typeof error.body.attempts_remaining === "number" ? error.body.attempts_remaining : null;
  switch (error.code) {
    case "otp_invalid":
      if (attempts === null) return { key: "checkout.otp.badCode", field: "code" };
      if (attempts <= 0) return { key: "checkout.otp.noAttempts", field: "code" };
      if (attempts === 1) return { key: "checkout.otp.wrongCodeOne", field: "code" };
      return { key: "checkout.otp.wrongCode", vars: { count: attempts }, field: "code" };
    case "otp_expired":
      return { key: "checkout.otp.expired", field: "code" };
    case "otp_exhausted":
      return { key: "checkout.otp.exhausted", field: "code" };
    case "otp_superseded":
      return { key: "checkout.otp.superseded", field: "code" };
    case "otp_used":
      return { key: "checkout.otp.used", field: "code" };
    case "rate_limited":
      return { key: "checkout.otp.wait", wait: Math.max(1, Math.ceil(error.retryAfter ?? 60)) };
    case "validation_error":
      if (error.field("phone")) return { key: "checkout.otp.badPhone", field: "phone" };
      if (error.field("code")) return { key: "checkout.otp.badCode", field: "code" };
      return { text: error.message };
    case "forbidden":
      return { key: "checkout.otp.refused", field: "phone" };
    case "sms_unavailable":
      return { key: "checkout.otp.smsDown" };
    case "not_found":
      return { key: "checkout.otp.restart" };
    default:
      return { text: error.message };
  }
}

/** Whether a refusal means this code is dead and only a new one helps. */
export function needsNewCode(code: string, attemptsRemaining: unknown): boolean {
  if (["otp_expired", "otp_exhausted", "otp_superseded", "otp_used", "not_found"].includes(code)) return true;
  return code === "otp_invalid" && attemptsRemaining === 0;
}
