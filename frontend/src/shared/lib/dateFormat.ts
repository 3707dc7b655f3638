/**
 * The one way dates and times are written for people: Intl in the app's language, the
 * Gregorian calendar in both, Arabic-Indic digits in Arabic, day before month in English
 * ("Sun, 20 Dec 2026", "الأحد، ٢٠ ديسمبر ٢٠٢٦"), never the browser's mm/dd/yyyy. Calendar dates
 * are "2026-12-20" strings and are written as that day wherever the reader is; instants are
 * written in the venue's time zone when one is given.
 */
export type DateLanguage = "ar" | "en";

/** The Intl locale of a language: what every date, time and number format uses. */
export function localeOf(lang: DateLanguage): string {
  return lang === "ar" ? "ar-SA-u-nu-arab-ca-gregory" : "en-GB";
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(lang: DateLanguage, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(localeOf(lang), options);
    formats.set(key, found);
  }
  return found;
}

export const CALENDAR_DATE: Intl.DateTimeFormatOptions = {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date ("2026-12-20") as people read it: "Sun, 20 Dec 2026"; "" when not a date. */
export function formatCalendarDate(
  lang: DateLanguage,
  date: string,
  options: Intl.DateTimeFormatOptions = CALENDAR_DATE,
): string {
  const match = ISO_DATE.exec(date);
  if (!match) return "";
  const [year, month, day] = match.slice(1).map(Number);
  const noon = new Date(Date.UTC(year, month - 1, day, 12));
  if (noon.getUTCMonth() !== month - 1) return "";
  return format(lang, { ...options, timeZone: "UTC" }).format(noon);
}

/**
 * An instant ("2026-12-20T12:00:00Z"): "20 Dec 2026, 15:00" in `timeZone` (else the
 * browser's); `i18n`'s formatDateTime is this.
 */
export function formatInstant(
  lang: DateLanguage,
  iso: string | Date,
  options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" },
  timeZone?: string,
): string {
  const at = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  return format(lang, { ...options, ...(timeZone ? { timeZone } : {}) }).format(at);
}
