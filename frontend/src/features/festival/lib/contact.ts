/**
 * The contact form: its checks before sending (the server makes them again), the request
 * body (with the honeypot as typed), and the server's refusal read back onto the form.
 */
import { ApiError } from "../../../api/client";

export const CONTACT_LIMITS = { name: 120, email: 254, subject: 150, message: 4000 } as const;
export const MESSAGE_MIN = 10;

export interface ContactForm {
  name: string;
  email: string;
  subject: string;
  message: string;
  /** The honeypot: people never see it; a bot that fills it is refused. */
  website: string;
}

export type ContactField = "name" | "email" | "subject" | "message";
export type ContactProblem = "required" | "email" | "tooLong" | "tooShort";

export const EMPTY_CONTACT: ContactForm = { name: "", email: "", subject: "", message: "", website: "" };

// Something@something.something, no spaces: the server has the last word.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The problems the page can see before sending, per field (none: empty object). */
export function checkContact(form: ContactForm): Partial<Record<ContactField, ContactProblem>> {
  const problems: Partial<Record<ContactField, ContactProblem>> = {};
  const name = form.name.trim();
  const email = form.email.trim();
  const message = form.message.trim();
  if (!name) problems.name = "required";
  else if (name.length > CONTACT_LIMITS.name) problems.name = "tooLong";
  if (!email) problems.email = "required";
  else if (email.length > CONTACT_LIMITS.email || !EMAIL.test(email)) problems.email = "email";
  if (form.subject.trim().length > CONTACT_LIMITS.subject) problems.subject = "tooLong";
  if (!message) problems.message = "required";
  else if (message.length < MESSAGE_MIN) problems.message = "tooShort";
  else if (message.length > CONTACT_LIMITS.message) problems.message = "tooLong";
  return problems;
}

/** What POST /api/events/{slug}/contact/ takes. */
export function contactBody(form: ContactForm) {
  return {
    name: form.name.trim(),
    email: form.email.trim(),
    subject: form.subject.trim(),
    message: form.message.trim(),
    website: form.website,
  };
}

export type ContactOutcome =
  | { kind: "fields"; fields: Partial<Record<ContactField, string>>; other: string | null }
  | { kind: "spam" }
  | { kind: "rateLimited"; retryAfter: number | null }
  | { kind: "other" };

const FIELDS: readonly ContactField[] = ["name", "email", "subject", "message"];

/** How the page shows a refusal: per field, as spam, as "wait", or as a general error. */
export function contactRefusal(error: unknown): ContactOutcome {
  if (!(error instanceof ApiError)) return { kind: "other" };
  if (error.code === "rate_limited" || error.status === 429) {
    return { kind: "rateLimited", retryAfter: error.retryAfter };
  }
  if (error.code === "spam") return { kind: "spam" };
  if (error.code === "validation_error" && error.body.fields) {
    const fields: Partial<Record<ContactField, string>> = {};
    for (const name of FIELDS) {
      const message = error.field(name);
      if (message) fields[name] = message;
    }
    const others = Object.keys(error.body.fields).filter((name) => !FIELDS.includes(name as ContactField));
    const other = others.length ? (error.field(others[0]) ?? error.message) : null;
    if (Object.keys(fields).length || other) return { kind: "fields", fields, other };
  }
  return { kind: "other" };
}
