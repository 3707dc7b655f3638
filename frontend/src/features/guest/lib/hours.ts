/** A venue's opening hours (GET /api/venues/{id}/): per weekday, Monday first, closed days too. */

export interface OpeningRange {
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** "HH:MM" in the venue's time zone. */
  opens: string;
  closes: string;
}

export interface DayHours {
  weekday: number;
  ranges: { opens: string; closes: string }[];
}

export function hoursByDay(ranges: readonly OpeningRange[]): DayHours[] {
  return [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
    weekday,
    ranges: ranges
      .filter((range) => range.weekday === weekday)
      .map(({ opens, closes }) => ({ opens, closes }))
      .sort((a, b) => a.opens.localeCompare(b.opens)),
  }));
}

/** Monday = 0 of a date's weekday in a time zone. */
export function weekdayIn(timeZone: string, now: Date = new Date()): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short" }).format(now);
  return ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(name);
}

/** "09:00" in the language's digits and clock ("٠٩:٠٠" in Arabic). */
export function clockText(locale: string, hhmm: string): string {
  const [h, m] = hhmm.split(":").map(Number);
  if (!Number.isFinite(h) || !Number.isFinite(m)) return hhmm;
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(Date.UTC(2024, 0, 1, h, m)),
  );
}

/** The weekday's name (0 = Monday). 2024-01-01 was a Monday. */
export function weekdayName(locale: string, weekday: number): string {
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "long" }).format(new Date(Date.UTC(2024, 0, 1 + weekday)));
}
