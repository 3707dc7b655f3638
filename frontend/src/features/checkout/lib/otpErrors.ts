/** What to tell someone whose code or phone the server refused, in their language. */
import { codeRefusal, isDeadCode } from "../../../shared/auth/otpRefusal";
import type { CodeRefusal, DeadCode } from "../../../shared/auth/otpRefusal";
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
const DEAD_CODE: Record<DeadCode, CheckoutKey> = {
  expired: "checkout.otp.expired",
  exhausted: "checkout.otp.exhausted",
  superseded: "checkout.otp.superseded",
  used: "checkout.otp.used",
};

/** A refused code in the checkout's words. */
function refusedCode(refusal: CodeRefusal): OtpMessage {
  if (refusal.kind !== "wrong") return { key: DEAD_CODE[refusal.kind], field: "code" };
  const attempts = refusal.attemptsLeft;
  if (attempts === null) return { key: "checkout.otp.badCode", field: "code" };
  if (attempts <= 0) return { key: "checkout.otp.noAttempts", field: "code" };
  if (attempts === 1) return { key: "checkout.otp.wrongCodeOne", field: "code" };
  return { key: "checkout.otp.wrongCode", vars: { count: attempts }, field: "code" };
}

export function otpErrorMessage(error: ErrorLike): OtpMessage {
  const refusal = codeRefusal(error.code, error.body);
  if (refusal) return refusedCode(refusal);
  switch (error.code) {
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
  if (code === "not_found") return true;
  return isDeadCode(codeRefusal(code, { attempts_remaining: attemptsRemaining }));
}
