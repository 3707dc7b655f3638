/**
 * "Add to calendar" on a confirmation: the booking's .ics (the signed `calendar_url` every
 * booking answer carries, so the download needs no sign-in header) and a Google Calendar link
 * built here from the same booking, in the page's language.
 */
import type { Booking } from "../../api/schema";
import { Icon } from "../../components/Icon";
import { useI18n } from "../../i18n";
import { googleCalendarUrl, placeText } from "./google";
import "./calendar.css";

export interface CalendarVenue {
  name: string;
  address?: string;
  city?: string;
  time_zone?: string;
}

export function AddToCalendar({
  booking,
  venue,
  pagePath,
  className = "",
}: {
  booking: Pick<Booking, "reference" | "event_name" | "starts_at" | "ends_at" | "calendar_url">;
  venue?: CalendarVenue | null;
  /** The confirmation's own path, for the entry's details. */
  pagePath: string;
  className?: string;
}) {
  const { t } = useI18n();
  if (!booking.calendar_url || !booking.starts_at || !booking.ends_at) return null;
  const page = `${window.location.origin}${pagePath}`;
  const google = googleCalendarUrl({
    title: `${booking.event_name} (${booking.reference})`,
    startsAt: booking.starts_at,
    endsAt: booking.ends_at,
    details: [t("calendar.reference", { reference: booking.reference }), t("calendar.open", { url: page })].join("\n"),
    location: venue ? placeText([venue.name, venue.address, venue.city]) : undefined,
    timeZone: venue?.time_zone,
  });
  return (
    <section className={`add-calendar ${className}`} aria-labelledby="add-calendar-title" data-testid="add-to-calendar">
      <h2 id="add-calendar-title" className="add-calendar-title">
        {t("calendar.title")}
      </h2>
      <div className="add-calendar-links">
        <a className="btn btn-secondary btn-small" href={booking.calendar_url} download={`${booking.reference}.ics`} data-testid="calendar-ics">
          <Icon name="download" size={16} /> {t("calendar.ics")} <span dir="ltr">.ics</span>
        </a>
        <a className="btn btn-secondary btn-small" href={google} target="_blank" rel="noopener noreferrer" data-testid="calendar-google">
          <Icon name="plus" size={16} /> {t("calendar.google")}
          <span className="visually-hidden"> {t("calendar.newTab")}</span>
        </a>
      </div>
      <p className="add-calendar-hint">{t("calendar.icsHint")}</p>
    </section>
  );
}
