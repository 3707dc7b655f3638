/** The top of an event page: back to the list, what and where, when, live state. */
import { Link } from "react-router";
import { PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { EventSummary } from "../../../api/schema";
import { formatEventDates } from "../lib/format";
import { StatusBadge } from "./EventCard";
import { KindBadge } from "./KindBadge";
import { Gallery } from "../../../shared/media/Picture";
import { Amenities } from "../../../shared/media/Amenities";
import { StayTimes } from "../../../shared/media/StayTimes";
import "../../../shared/media/media.css";

export function EventHeader({ event }: { event: EventSummary }) {
  const { t, lang } = useI18n();
  return (
    <header className={`event-header kind-${event.kind}`}>
      <Link to="/" className="back-link">
        <span aria-hidden="true" className="arrow-back">←</span> {t("guest.event.back")}
      </Link>
      <div className="event-header-badges">
        <KindBadge kind={event.kind} />
        <StatusBadge event={event} />
      </div>
      <PageTitle title={event.name}>
        <bdi>{event.name}</bdi>
      </PageTitle>
      <dl className="event-facts">
        <div>
          <dt>{t("guest.event.where")}</dt>
          <dd>
            <bdi>{event.venue.name}</bdi>
            {t("guest.comma")}
            <bdi>{event.venue.city}</bdi>
            {event.venue.address && (
              <span className="muted">
                {" — "}
                <bdi>{event.venue.address}</bdi>
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t("guest.event.when")}</dt>
          <dd>
            <time dateTime={event.starts_at}>
              {formatEventDates(lang, event.starts_at, event.ends_at, event.venue.time_zone)}
            </time>
          </dd>
        </div>
      </dl>
      {event.description && (
        <p className="event-description">
          <bdi>{event.description}</bdi>
        </p>
      )}
      <Gallery pictures={event.images.length > 0 ? event.images : event.venue.images} name={event.name} />
      {event.kind === "stays" && <StayTimes checkIn={event.venue.check_in_time} checkOut={event.venue.check_out_time} />}
      <Amenities amenities={event.venue.amenities} />
    </header>
  );
}
