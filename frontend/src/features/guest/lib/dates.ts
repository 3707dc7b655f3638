/**
 * Calendar dates ("2026-12-05") and clock times in a venue's time zone, whatever the
 * browser's own zone is. Dates are plain strings; arithmetic on them is done in UTC so that
 * daylight-saving changes never shift a day.
 */

export type IsoDate = string;

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

function partsOf(instant: Date | string, timeZone: string): Record<string, string> {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  const parts: Record<string, string> = {};
  for (const part of partsFormat(timeZone).formatToParts(date)) parts[part.type] = part.value;
  return parts;
}

/** The calendar date of an instant in a time zone. */
export function dateInZone(instant: Date | string, timeZone: string): IsoDate {
  const parts = partsOf(instant, timeZone);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The wall-clock time (24 h, "09:30") of an instant in a time zone. */
export function timeInZone(instant: Date | string, timeZone: string): string {
  const parts = partsOf(instant, timeZone);
  const hour = parts.hour === "24" ? "00" : parts.hour;
  return `${hour}:${parts.minute}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== "string") return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function toUtc(date: IsoDate): number {
  const [year, month, day] = date.split("-").map(Number);
  return Date.UTC(year, month - 1, day);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(toUtc(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

/** `count` dates from `start` on. */
export function dateSequence(start: IsoDate, count: number): IsoDate[] {
  return Array.from({ length: Math.max(0, count) }, (_, index) => addDays(start, index));
}

/** The nights of a stay: check-out is the departure day, not a night. */
export function nightsOf(checkIn: IsoDate, checkOut: IsoDate): IsoDate[] {
  return dateSequence(checkIn, daysBetween(checkIn, checkOut));
}

/** Today's date where the venue is. */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  return dateInZone(now, timeZone);
}

/** Noon UTC of a date: a Date that formats as that day in any display (with timeZone UTC). */
export function dateAtNoonUtc(date: IsoDate): Date {
  return new Date(toUtc(date) + 12 * 3_600_000);
}

/** A date kept within [min, max] (either may be missing). */
export function clampDate(date: IsoDate, min?: IsoDate, max?: IsoDate): IsoDate {
  if (min && date < min) return min;
  if (max && date > max) return max;
  return date;
}
