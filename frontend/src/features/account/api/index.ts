/**
 * The REST calls of registration, e-mail verification and the account page. Typed by hand
 * from the issue 17 contract (the generated types in src/api/types.ts follow once the backend
 * publishes its schema).
 */
import { api, upload } from "../../../api/client";
import type { Me, Ok, OtpSent } from "../../../api/schema";

/** GET /api/auth/me/ with what issue 17 adds. */
export type Account = Me & {
  first_name?: string;
  last_name?: string;
  /** Absolute URL, or null. */
  picture?: string | null;
  email_verified?: boolean;
  phone_verified?: boolean;
  has_password?: boolean;
  /** Provider names of the OpenID Connect identities linked to the account. */
  identities?: string[];
};

export interface RegisterRequest {
  email: string;
  password: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  language?: string;
}

/** 201 whether or not the address is taken. */
export function register(body: RegisterRequest): Promise<{ ok: boolean; email: string }> {
  return api("/api/auth/register/", { body, auth: "none" });
}

/** 400 `invalid_token` for a bad, expired or used link. */
export function verifyEmail(token: string): Promise<{ ok: boolean; email: string }> {
  return api("/api/auth/email/verify/", { body: { token }, auth: "none" });
}

/** Signed in: 202, limited (429 with retry_after). */
export function resendVerification(): Promise<Ok> {
  return api<Ok>("/api/auth/email/verify/resend/", { method: "POST" });
}

export function me(): Promise<Account> {
  return api<Account>("/api/auth/me/");
}

export interface ProfileChanges {
  first_name?: string | null;
  last_name?: string | null;
  date_of_birth?: string | null;
  gender?: string | null;
  language?: string | null;
  email?: string;
}

export function updateMe(body: ProfileChanges): Promise<Account> {
  return api<Account>("/api/auth/me/", { method: "PATCH", body });
}

export function uploadPicture(file: File): Promise<Account> {
  return upload<Account>("/api/auth/me/picture/", { picture: file }, { method: "PUT" });
}

export function removePicture(): Promise<Account> {
  return api<Account>("/api/auth/me/picture/", { method: "DELETE" });
}

/** Add or change my phone: a code goes to it (the OTP request's answer and limits). */
export function requestPhoneCode(phone: string, event?: string): Promise<OtpSent> {
  return api<OtpSent>("/api/auth/phone/", { body: event ? { phone, event } : { phone } });
}

/** 409 `phone_taken` when another account (not phone-only) holds it. */
export function verifyPhoneCode(requestId: string, code: string): Promise<{ ok: boolean; user: Account }> {
  return api("/api/auth/phone/verify/", { body: { request_id: requestId, code } });
}

export interface AccountSession {
  id: string;
  method: string;
  user_agent: string;
  ip: string | null;
  created_at: string;
  last_used_at: string;
  current: boolean;
}

export function sessions(): Promise<AccountSession[]> {
  return api<{ ok: boolean; sessions: AccountSession[] }>("/api/auth/sessions/").then((a) => a.sessions);
}

export function revokeSession(id: string): Promise<Ok> {
  return api<Ok>(`/api/auth/sessions/${encodeURIComponent(id)}/revoke/`, { method: "POST" });
}

export function revokeOtherSessions(): Promise<{ ok: boolean; revoked: number }> {
  return api("/api/auth/sessions/revoke-others/", { method: "POST" });
}

export function changePassword(oldPassword: string, newPassword: string): Promise<{ ok: boolean; sessions_ended: number }> {
  return api("/api/auth/password/change/", { body: { old_password: oldPassword, new_password: newPassword } });
}
