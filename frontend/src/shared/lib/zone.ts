/**
 * Dates and clock times in the venue's time zone, whatever the browser's own zone is: the
 * festival's programme is read, and its staff type times, by the venue's clock. Calendar
 * dates are "2026-12-05" strings.
 */

import { localeOf } from "./dateFormat";

export type IsoDate = string;
export type Lang = "ar" | "en";

const partsCache = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsCache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    partsCache.set(timeZone, format);
  }
  return format;
}

/** The venue's wall clock at an instant: year, month, day, hour, minute as numbers. */
export function wallClock(instant: Date | string | number, timeZone: string) {
  const date = instant instanceof Date ? instant : new Date(instant);
  const parts: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(date)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour === 24 ? 0 : parts.hour,
    minute: parts.minute,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The calendar date of an instant in a time zone. */
export function dateInZone(instant: Date | string | number, timeZone: string): IsoDate {
  const wall = wallClock(instant, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The festival day an instant belongs to: a set that starts after midnight but before
 * `dayStartsAt` (06:00) is still the night before's programme, as festivals print it.
 */
export function festivalDay(instant: Date | string | number, timeZone: string, dayStartsAt = 6): IsoDate {
  const wall = wallClock(instant, timeZone);
  const date = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  return wall.hour < dayStartsAt ? addDays(date, -1) : date;
}

/**
 * The instant of a wall-clock time in a zone ("2026-12-05T18:30" at Asia/Riyadh →
 * 2026-12-05T15:30:00.000Z), for forms that take times as the venue reads them. In a
 * daylight-saving gap the later offset wins; in an overlap, the earlier instant.
 */
export function zonedToUtc(local: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const target = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(target)) return null;
  const offsetAt = (instant: number) => {
    const wall = wallClock(instant, timeZone);
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - instant;
  };
  const first = offsetAt(target);
  const guess = target - first;
  const second = offsetAt(guess);
  if (second === first) return new Date(guess);
  const retry = target - second;
  if (offsetAt(retry) === second) return new Date(retry);
  // A wall time the clocks skip: the same distance past the change.
  return new Date(Math.max(guess, retry));
}

/** The wall-clock value of an instant for an `<input type="datetime-local">` in a zone. */
export function utcToZonedInput(instant: string, timeZone: string): string {
  const wall = wallClock(instant, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

export { localeOf };

/** "18:30" in the venue's zone (Arabic digits in Arabic). */
export function formatTime(lang: Lang, instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(new Date(instant));
}

/** A programme day's name: "Fri 5 Dec". */
export function formatDay(lang: Lang, date: IsoDate, options?: Intl.DateTimeFormatOptions): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Intl.DateTimeFormat(localeOf(lang), {
    weekday: "short",
    day: "numeric",
    month: "short",
    ...options,
    timeZone: "UTC",
  }).format(new Date(Date.UTC(year, month - 1, day, 12)));
}

/** When an event runs: "5 Dec 2026, 16:00 – 23:59" for one day, "5 – 7 Dec 2026" for several. */
export function formatEventDates(lang: Lang, startsAt: string, endsAt: string, timeZone: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const sameDay = dateInZone(start, timeZone) === dateInZone(end, timeZone);
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }
    : { day: "numeric", month: "short", year: "numeric", timeZone };
  return new Intl.DateTimeFormat(localeOf(lang), options).formatRange(start, end);
}
