/**
 * Date formats the browsing pages need beyond the shared `formatDateTime`: ranges, day chips,
 * times, all in the venue's time zone. The locales match `i18n/index.tsx` (Arabic digits in
 * Arabic, the Gregorian calendar in both).
 */
import type { IsoDate } from "./dates";
import { dateAtNoonUtc, dateInZone } from "./dates";
import { localeOf } from "../../../shared/lib/dateFormat";

export type Lang = "ar" | "en";

/** The one locale per language (shared/lib/dateFormat.ts). */
export { localeOf };

/**
 * When an event runs: "22 Dec 2026, 16:00 – 23:59" for one day, "22 Nov – 5 Dec 2026" for
 * several.
 */
export function formatEventDates(lang: Lang, startsAt: string, endsAt: string, timeZone: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const sameDay = dateInZone(start, timeZone) === dateInZone(end, timeZone);
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone }
    : { day: "numeric", month: "short", year: "numeric", timeZone };
  return new Intl.DateTimeFormat(localeOf(lang), options).formatRange(start, end);
}

/** A calendar date as a short day: "Mon 23 Nov". */
export function formatDay(lang: Lang, date: IsoDate, options?: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    weekday: "short",
    day: "numeric",
    month: "short",
    ...options,
    timeZone: "UTC",
  }).format(dateAtNoonUtc(date));
}

/** The parts of a day chip: weekday, day of month, month. */
export function dayParts(lang: Lang, date: IsoDate): { weekday: string; day: string; month: string } {
  const at = dateAtNoonUtc(date);
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(localeOf(lang), { ...options, timeZone: "UTC" }).format(at);
  return {
    weekday: part({ weekday: "short" }),
    day: part({ day: "numeric" }),
    month: part({ month: "short" }),
  };
}

/** A clock time in the venue's zone: "09:30" (Arabic digits in Arabic). */
export function formatTime(lang: Lang, instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(new Date(instant));
}

/** The zone's name as people say it ("Arabia Standard Time"), or its id when none is known. */
export function zoneName(lang: Lang, timeZone: string, at: Date = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat(localeOf(lang), { timeZone, timeZoneName: "long" })
      .formatToParts(at)
      .find((item) => item.type === "timeZoneName");
    return part?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** "09:00 – 10:30" in the venue's zone. */
export function formatTimeRange(lang: Lang, startsAt: string, endsAt: string, timeZone: string): string {
  return `${formatTime(lang, startsAt, timeZone)} – ${formatTime(lang, endsAt, timeZone)}`;
}
