/** Small hooks of the VIP pages: countdowns, problem wording, time ranges. */
import { useEffect, useState } from "react";
import { useI18n } from "../../../i18n";
import { formatClock, localDigits, secondsUntil } from "../../../shared/lib/clock";
import type { Problem } from "../lib/problems";

/** Seconds left until `at` (ms since the epoch), ticking once a second down to zero. */
export function useCountdown(at: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  const left = secondsUntil(at, now);
  useEffect(() => {
    if (!at || secondsUntil(at) <= 0) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (secondsUntil(at) <= 0) clearInterval(timer);
    }, 1000);
    setNow(Date.now());
    return () => clearInterval(timer);
  }, [at]);
  return left;
}

/** 75 → "1:15" in the page's digits. */
export function useClock(): (seconds: number) => string {
  const { lang } = useI18n();
  const digits = localDigits(lang);
  return (seconds) => formatClock(seconds, digits);
}

/** A Problem in the page's language (the server's own words only in English). */
export function useProblemText(): (problem: Problem) => string {
  const { t, lang, formatNumber } = useI18n();
  return (problem) => {
    switch (problem.kind) {
      case "message": {
        const vars: Record<string, string> = {};
        for (const [name, value] of Object.entries(problem.vars ?? {}))
          vars[name] = formatNumber(value);
        return t(problem.key, vars);
      }
      case "network":
        return t("common.networkError");
      case "restart":
        return t("vip.otp.lost");
      case "other":
        return lang === "en" && problem.text ? problem.text : t("common.error");
      default:
        return t("common.error");
    }
  };
}

/** Times of day and ranges in the venue's time zone. */
export function useTimes(timeZone: string | undefined) {
  const { t, formatDateTime } = useI18n();
  // A time never breaks between its digits and "م"/"PM".
  const time = (iso: string) =>
    formatDateTime(iso, { dateStyle: undefined, timeStyle: "short" }, timeZone).replace(
      /\s/g,
      "\u00a0",
    );
  return {
    time,
    date: (iso: string) =>
      formatDateTime(iso, { dateStyle: "full", timeStyle: undefined }, timeZone),
    range: (from: string, to: string) => t("vip.range", { from: time(from), to: time(to) }),
    hours: (from: string, to: string) => t("vip.event.hours", { from: time(from), to: time(to) }),
  };
}
