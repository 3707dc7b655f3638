/** A stay's check-in and check-out times (local at the venue), when the venue says them. */
import { useI18n } from "../../i18n";
import "./media.css";
import { localeOf } from "../lib/zone";

export function clock(lang: Parameters<typeof localeOf>[0], hhmm: string): string {
  const [h, m] = hhmm.split(":").map(Number);
  if (!Number.isFinite(h) || !Number.isFinite(m)) return hhmm;
  return new Intl.DateTimeFormat(localeOf(lang), { timeZone: "UTC", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(Date.UTC(2024, 0, 1, h, m)),
  );
}

export function StayTimes({
  checkIn,
  checkOut,
  className = "",
}: {
  checkIn?: string | null;
  checkOut?: string | null;
  className?: string;
}) {
  const { t, lang } = useI18n();
  if (!checkIn && !checkOut) return null;
  return (
    <p className={`stay-times ${className}`} data-testid="stay-times" aria-label={t("media.stayTimes")}>
      {checkIn && <span>{t("media.checkIn", { time: clock(lang, checkIn) })}</span>}
      {checkIn && checkOut && <span aria-hidden="true"> · </span>}
      {checkOut && <span>{t("media.checkOut", { time: clock(lang, checkOut) })}</span>}
    </p>
  );
}
