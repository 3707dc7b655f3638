/** The password reset page's logic: reading the link, checking the form, reading refusals. */
import { ApiError } from "../../../api/client";
import type { Language } from "../../../i18n";

export interface ResetLink {
  uid: string;
  token: string;
}

/** The uid and token of an e-mailed link (`/reset-password?lang=…&uid=…&token=…`), if both are there. */
export function resetLinkOf(params: URLSearchParams): ResetLink | null {
  const uid = params.get("uid")?.trim();
  const token = params.get("token")?.trim();
  return uid && token ? { uid, token } : null;
}

/** The language an e-mail's link asks for (the account's), if it names one we speak. */
export function languageOf(params: URLSearchParams): Language | null {
  const lang = params.get("lang");
  return lang === "ar" || lang === "en" ? lang : null;
}

export interface FormProblems {
  password?: "missing";
  confirmation?: "mismatch";
}

/** What to fix before asking the server: a password, typed the same twice. */
export function formProblems(password: string, confirmation: string): FormProblems {
  if (!password) return { password: "missing" };
  return password === confirmation ? {} : { confirmation: "mismatch" };
}

/** Every message the server gave for one field. */
export function fieldMessages(error: ApiError, name: string): string[] {
  const value = error.body.fields?.[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export type ResetProblem =
  | { kind: "invalid-link" }
  | { kind: "password"; messages: string[] }
  | { kind: "other"; error: unknown };

/**
 * What a refused confirmation means. The server checks the link before the password, so a
 * 400 that says nothing about `new_password` is the link: used, expired, or altered.
 */
export function resetProblem(error: unknown): ResetProblem {
  if (!(error instanceof ApiError) || error.status !== 400) return { kind: "other", error };
  const messages = fieldMessages(error, "new_password");
  return messages.length ? { kind: "password", messages } : { kind: "invalid-link" };
}
