/**
 * What the account pages make of the server's refusals: a 400's messages per field (shown at
 * their fields), a 429's wait, the profile form's changed fields. Pure.
 */

/** The parts of an ApiError these pages read (ApiError satisfies it). */
export interface Refusal {
  status: number;
  code: string;
  message: string;
  retryAfter: number | null;
  body: { fields?: Record<string, string[] | string> };
}

/** Each named field's messages, joined ("" keys dropped). */
export function fieldMessages(error: Refusal | null | undefined): Record<string, string> {
  const fields = error?.body.fields ?? {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    const text = (Array.isArray(value) ? value : [value]).filter((m) => typeof m === "string" && m).join(" ");
    if (text) out[name] = text;
  }
  return out;
}

/** The registration form's fields, in the order the focus goes to the first problem. */
export const REGISTER_FIELDS = ["email", "password", "first_name", "last_name", "phone"] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

/** The fields the server objected to that the form has none of (shown above the button). */
export function otherFieldMessages(messages: Record<string, string>, shown: readonly string[]): string[] {
  return Object.entries(messages)
    .filter(([name]) => !shown.includes(name))
    .map(([, text]) => text);
}

/** Seconds to wait after a 429 (at least one), or null for any other error. */
export function waitSeconds(error: Refusal | null | undefined): number | null {
  if (!error || error.status !== 429) return null;
  return Math.max(1, Math.ceil(error.retryAfter ?? 60));
}

/** The password rules shown before typing, and what we can check before sending. */
export function passwordProblems(password: string): ("short" | "digits")[] {
  const problems: ("short" | "digits")[] = [];
  if (password.length < 8) problems.push("short");
  if (/^\d+$/.test(password)) problems.push("digits");
  return problems;
}

/** The e-mail looks like one (the server has the last word). */
export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());
}

/** A profile's editable fields, as the form holds them. */
export interface ProfileValues {
  first_name: string;
  last_name: string;
  date_of_birth: string;
  gender: string;
  language: string;
}

/** Only what changed, for PATCH /api/auth/me/ (an empty date is sent as null). */
export function profileChanges(
  before: ProfileValues,
  after: ProfileValues,
): Partial<Record<keyof ProfileValues, string | null>> {
  const changes: Partial<Record<keyof ProfileValues, string | null>> = {};
  for (const key of Object.keys(after) as (keyof ProfileValues)[]) {
    const value = key === "first_name" || key === "last_name" ? after[key].trim() : after[key];
    if (value === before[key]) continue;
    changes[key] = key === "date_of_birth" && !value ? null : value;
  }
  return changes;
}
