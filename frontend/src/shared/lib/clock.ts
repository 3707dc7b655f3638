/**
 * Countdowns on the client's clock: how many whole seconds are left until a moment, and
 * "9:05" written in the page's own digits (a hold running out, a new code that may be asked
 * for).
 */

/** Whole seconds left until `at` (ms since the epoch), rounded up, never negative. */
export function secondsUntil(at: number | undefined, now: number = Date.now()): number {
  if (!at) return 0;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** 125 → {minutes: 2, seconds: 5} (for words such as "2 min 5 s"). */
export function splitMinutes(seconds: number): { minutes: number; seconds: number } {
  const total = Math.max(0, Math.floor(seconds));
  return { minutes: Math.floor(total / 60), seconds: total % 60 };
}

/** "9:05", "0:42", "1:02:03": minutes and seconds, hours when there are any. */
export function formatClock(seconds: number, digits: (n: number, width: number) => string = pad): string {
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) return `${digits(hours, 1)}:${digits(minutes, 2)}:${digits(rest, 2)}`;
  return `${digits(minutes, 1)}:${digits(rest, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Digits in a language's own numerals ("٠٩" in Arabic), padded to a width. */
export function localDigits(lang: "ar" | "en"): (n: number, width: number) => string {
  const formats = new Map<number, Intl.NumberFormat>();
  const locale = lang === "ar" ? "ar-SA-u-nu-arab" : "en-GB";
  return (n, width) => {
    let format = formats.get(width);
    if (!format) {
      format = new Intl.NumberFormat(locale, { minimumIntegerDigits: width, useGrouping: false });
      formats.set(width, format);
    }
    return format.format(n);
  };
}
