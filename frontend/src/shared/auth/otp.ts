/** Phone sign-in: ask for a code, check it, and keep the session it opens. */
import { api } from "../../api/client";
import { codeDigits, latinDigits } from "../../i18n/digits";
import type { Me, OtpRequest, OtpSent, OtpVerifyRequest, TokenAnswer } from "../../api/schema";
import { session } from "./session";

/** A phone as typed (any digits, spaces, dashes) → what the server parses (+ and digits). */
export function normalisePhone(text: string): string {
  const plain = latinDigits(text).trim();
  const plus = plain.startsWith("+") || plain.startsWith("00");
  const digits = plain.replace(/\D/g, "").replace(/^00/, "");
  return plus ? `+${digits}` : digits;
}

export async function requestOtp(phone: string, event?: string): Promise<OtpSent> {
  const body: OtpRequest = { phone: normalisePhone(phone) };
  if (event) body.event = event;
  return api<OtpSent>("/api/auth/otp/request/", { body, auth: "none" });
}

export async function verifyOtp(phone: string, requestId: string, code: string): Promise<Me | null> {
  const body: OtpVerifyRequest = { phone: normalisePhone(phone), request_id: requestId, code: codeDigits(code) };
  const pair = await api<TokenAnswer>("/api/auth/otp/verify/", { body, auth: "none" });
  return session.signIn(pair);
}
