/**
 * Google Calendar's "add event" link: https://calendar.google.com/calendar/render with
 * action=TEMPLATE, the title, the times in UTC (YYYYMMDDTHHMMSSZ/YYYYMMDDTHHMMSSZ), details,
 * location and the venue's time zone (ctz) for how Google shows it.
 */
export interface CalendarEntry {
  title: string;
  /** ISO 8601 instants. */
  startsAt: string;
  endsAt: string;
  details?: string;
  location?: string;
  timeZone?: string;
}

const GOOGLE = "https://calendar.google.com/calendar/render";

/** 2026-12-21T06:00:00Z → 20261221T060000Z (any offset converted to UTC). */
export function utcStamp(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new RangeError(`Not a date: ${iso}`);
  return at.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

export function googleCalendarUrl(entry: CalendarEntry): string {
  const query = new URLSearchParams({
    action: "TEMPLATE",
    text: entry.title,
    dates: `${utcStamp(entry.startsAt)}/${utcStamp(entry.endsAt)}`,
  });
  if (entry.details) query.set("details", entry.details);
  if (entry.location) query.set("location", entry.location);
  if (entry.timeZone) query.set("ctz", entry.timeZone);
  return `${GOOGLE}?${query.toString()}`;
}

/** "Name, address, city", leaving out a part an earlier one already says (a city the
 * address ends with). */
export function placeText(parts: (string | null | undefined)[]): string {
  const kept: string[] = [];
  for (const part of parts) {
    const text = part?.trim();
    if (text && !kept.some((earlier) => earlier.includes(text))) kept.push(text);
  }
  return kept.join(", ");
}
