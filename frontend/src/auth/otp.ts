/** Phone sign-in: ask for a code, check it, and keep the session it opens. */
import { api } from "../api/client";
import { codeDigits, latinDigits } from "../i18n/digits";
import { session } from "./session";
import type { Me } from "./session";

export interface OtpRequest {
  request_id: string;
  expires_in: number;
  resend_in: number;
}

/** A phone as typed (any digits, spaces, dashes) → what the server parses (+ and digits). */
export function normalisePhone(text: string): string {
  const plain = latinDigits(text).trim();
  const plus = plain.startsWith("+") || plain.startsWith("00");
  const digits = plain.replace(/\D/g, "").replace(/^00/, "");
  return plus ? `+${digits}` : digits;
}

export async function requestOtp(phone: string, event?: string): Promise<OtpRequest> {
  const body: Record<string, string> = { phone: normalisePhone(phone) };
  if (event) body.event = event;
  return api<OtpRequest>("/api/auth/otp/request/", { body, auth: "none" });
}

export async function verifyOtp(phone: string, requestId: string, code: string): Promise<Me | null> {
  const pair = await api<{ access: string }>("/api/auth/otp/verify/", {
    body: { phone: normalisePhone(phone), request_id: requestId, code: codeDigits(code) },
    auth: "none",
  });
  return session.signIn(pair);
}
