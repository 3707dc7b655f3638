/**
 * A vendor's application (and the profile it becomes): the form's values, the checks made
 * before sending (the server checks again and names its own fields), and what is sent.
 * Pure: no React, no fetch.
 */
import { latinDigits } from "../../../i18n/digits";
import { isCategory } from "../../../shared/lib/vendorCategories";
import type { Category } from "../../../shared/lib/vendorCategories";

export const LIMITS = { name: 120, description: 2000, email: 254, phone: 16, website: 200 } as const;

/** What the server keeps (backend/core/images.py): PNG, JPEG, WebP or GIF, 2 MB by default. */
export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export const LOGO_MAX_BYTES = 2_000_000;

export interface ApplicationForm {
  name: string;
  category: Category | "";
  description: string;
  contact_email: string;
  contact_phone: string;
  website: string;
}

export type FormField = keyof ApplicationForm | "logo";

/** Why a field is refused: a message key's last part (`vendor.apply.error.<problem>`). */
export type Problem =
  | "required"
  | "tooLong"
  | "email"
  | "phone"
  | "website"
  | "category"
  | "logoType"
  | "logoSize";

export type FormProblems = Partial<Record<FormField, Problem>>;

export const EMPTY_FORM: ApplicationForm = {
  name: "",
  category: "",
  description: "",
  contact_email: "",
  contact_phone: "",
  website: "",
};

/** The form filled from a profile (editing, or applying again after a refusal). */
export function formFromProfile(profile: Partial<Record<keyof ApplicationForm, unknown>> | null): ApplicationForm {
  if (!profile) return { ...EMPTY_FORM };
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const category = text(profile.category);
  return {
    name: text(profile.name),
    category: isCategory(category) ? category : "",
    description: text(profile.description),
    contact_email: text(profile.contact_email),
    contact_phone: text(profile.contact_phone),
    website: text(profile.website),
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** E.164 once spaces, dashes and brackets are gone: "+" and 8 to 15 digits (or a local number the server reads in the venue's country). */
const PHONE = /^\+?\d{6,15}$/;

/** The phone as the server reads it: Latin digits, no spaces, dashes or brackets. */
export function normalisePhone(phone: string): string {
  return latinDigits(phone).replace(/[\s\-().]/g, "");
}

/** "example.com/shop" → "https://example.com/shop"; null when it cannot be a web address. */
export function normaliseWebsite(website: string): string | null {
  const trimmed = website.trim();
  if (!trimmed) return "";
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    if (!url.hostname.includes(".")) return null;
    return url.toString();
  } catch {
    return null;
  }
}

/** The problems with a logo file before it is sent (the server opens it to be sure). */
export function logoProblem(file: { type: string; size: number } | null): Problem | undefined {
  if (!file) return undefined;
  if (!(LOGO_TYPES as readonly string[]).includes(file.type)) return "logoType";
  if (file.size > LOGO_MAX_BYTES) return "logoSize";
  return undefined;
}

/** Every field's problem; an empty object when the form can be sent. */
export function checkApplication(form: ApplicationForm, logo: { type: string; size: number } | null = null): FormProblems {
  const problems: FormProblems = {};
  const name = form.name.trim();
  if (!name) problems.name = "required";
  else if (name.length > LIMITS.name) problems.name = "tooLong";
  if (!form.category) problems.category = "required";
  else if (!isCategory(form.category)) problems.category = "category";
  if (!form.description.trim()) problems.description = "required";
  else if (form.description.trim().length > LIMITS.description) problems.description = "tooLong";
  const email = form.contact_email.trim();
  if (!email) problems.contact_email = "required";
  else if (email.length > LIMITS.email || !EMAIL.test(email)) problems.contact_email = "email";
  const phone = normalisePhone(form.contact_phone);
  if (!phone) problems.contact_phone = "required";
  else if (!PHONE.test(phone)) problems.contact_phone = "phone";
  const website = normaliseWebsite(form.website);
  if (website === null || (website && website.length > LIMITS.website)) problems.website = "website";
  const logoIssue = logoProblem(logo);
  if (logoIssue) problems.logo = logoIssue;
  return problems;
}

/** The fields in the order the form shows them (the first with a problem takes the focus). */
export const FIELD_ORDER: readonly FormField[] = [
  "name",
  "category",
  "description",
  "logo",
  "contact_email",
  "contact_phone",
  "website",
];

export function firstProblem(problems: Partial<Record<FormField, unknown>>): FormField | undefined {
  return FIELD_ORDER.find((field) => problems[field]);
}

/** What is sent: trimmed, the phone in Latin digits, the website with its scheme. */
export function applicationBody(form: ApplicationForm): Record<keyof ApplicationForm, string> {
  return {
    name: form.name.trim(),
    category: form.category,
    description: form.description.trim(),
    contact_email: form.contact_email.trim(),
    contact_phone: normalisePhone(form.contact_phone),
    website: normaliseWebsite(form.website) ?? form.website.trim(),
  };
}

/** Only what changed since `before` (a PATCH of the profile). */
export function changedFields(
  before: ApplicationForm,
  after: ApplicationForm,
): Partial<Record<keyof ApplicationForm, string>> {
  const a = applicationBody(before);
  const b = applicationBody(after);
  const out: Partial<Record<keyof ApplicationForm, string>> = {};
  for (const key of Object.keys(b) as (keyof ApplicationForm)[]) if (a[key] !== b[key]) out[key] = b[key];
  return out;
}
