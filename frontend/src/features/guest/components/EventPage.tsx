/** `/events/:slug`: one event, what can be booked, live, and the Hold button. */
import { useCallback, useMemo } from "react";
import { Link, Navigate, useParams, useSearchParams } from "react-router";
import { ApiError } from "../../../api/client";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { EventDetail } from "../../../api/schema";
import { fetchEvent } from "../api";
import { EventHeader } from "./EventHeader";
import { FestivalBooking } from "./FestivalBooking";
import { availabilityRange, parseEventQuery } from "../lib/events";
import type { EventQuery } from "../lib/events";
import { ServiceBooking } from "./ServiceBooking";
import { SlotBooking } from "./SlotBooking";
import { StayBooking } from "./StayBooking";
import { VenueInfo } from "./VenueInfo";
import { ResourceShowcase } from "../../../shared/media/ResourceShowcase";
import { serviceTermsOf } from "../../../shared/lib/repair";
import { useLiveAvailability } from "../hooks/useLiveAvailability";
import { useLoad } from "../../../shared/hooks/useLoad";
import { readPass } from "../lib/waitingRoom";
import { JoinWaitlist } from "./JoinWaitlist";
import "../guest.css";
import "../waitingRoom.css";

export default function EventPage() {
  const { t } = useI18n();
  const { slug = "" } = useParams();
  const { data: event, error, reload } = useLoad((signal) => fetchEvent(slug, signal), slug);

  if (error instanceof ApiError && error.status === 404) {
    return (
      <main id="main" className="page narrow guest-page">
        <PageTitle title={t("guest.event.missing")}>{t("guest.event.missing")}</PageTitle>
        <Link className="btn" to="/">
          {t("common.home")}
        </Link>
      </main>
    );
  }
  // While the event's waiting room is on, guests without a pass go through it first.
  if (event?.waiting_room?.active && !readPass(sessionStorage, event.slug)) {
    return <Navigate to={`/events/${encodeURIComponent(event.slug)}/queue`} replace />;
  }
  return (
    <main id="main" className="page guest-page event-page">
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {!event && !error && <Loading />}
      {event && (
        <>
          <EventHeader event={event} />
          {event.kind === "festival" && (
            <p>
              <Link className="btn btn-secondary" to={`/events/${encodeURIComponent(event.slug)}/festival`} data-testid="festival-guide-link">
                {t("festival.eventLink")} <span aria-hidden="true" className="arrow">→</span>
              </Link>
            </p>
          )}
          {event.allowlist_only || event.kind === "vip" ? <InvitationOnly event={event} /> : <EventBooking event={event} />}
          {event.kind === "service" && serviceTermsOf(event).venueId !== null && (
            <VenueInfo venueId={serviceTermsOf(event).venueId!} />
          )}
        </>
      )}
    </main>
  );
}

function InvitationOnly({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  return (
    <section className="card invitation">
      <h2>{t("guest.invite.title")}</h2>
      <p>{t("guest.invite.text")}</p>
      <Link className="btn" to={`/verify?event=${encodeURIComponent(event.slug)}`}>
        {t("guest.invite.action")}
      </Link>
    </section>
  );
}

function EventBooking({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tz = event.venue.time_zone;
  const search = params.toString();
  const query = useMemo(() => parseEventQuery(new URLSearchParams(search), tz), [search, tz]);
  const range = availabilityRange(event.kind, query);
  const availability = useLiveAvailability(event.slug, range);

  const onQuery = useCallback(
    (patch: Partial<EventQuery>) => {
      setParams(
        (old) => {
          const next = new URLSearchParams(old);
          const set = (name: string, value: string | undefined) => (value ? next.set(name, value) : next.delete(name));
          if (patch.date !== undefined) set("date", patch.date);
          if (patch.checkIn !== undefined) set("check_in", patch.checkIn);
          if (patch.checkOut !== undefined) set("check_out", patch.checkOut);
          if (patch.guests !== undefined) set("guests", String(patch.guests));
          if (patch.rooms !== undefined) set("rooms", patch.rooms.join(","));
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const body = (() => {
    switch (event.kind) {
      case "festival":
        return <FestivalBooking event={event} availability={availability} />;
      case "service":
        return (
          <ServiceBooking event={event} availability={availability} date={query.date} onDate={(date) => onQuery({ date })} />
        );
      case "rooms":
        return (
          <SlotBooking event={event} availability={availability} date={query.date} onDate={(date) => onQuery({ date })} />
        );
      case "stays":
        return <StayBooking event={event} availability={availability} query={query} onQuery={onQuery} />;
      default:
        return <p className="empty-state">{t("guest.event.unsupported")}</p>;
    }
  })();

  return (
    <>
      {event.status !== "on_sale" && <p className="notice notice-warn">{t("guest.event.closed")}</p>}
      {availability.error ? <ErrorNotice error={availability.error} onRetry={() => void availability.refresh()} /> : null}
      {body}
      <JoinWaitlist event={event} slots={availability.slots} availableOf={availability.availableOf} />
      {(event.kind === "stays" || event.kind === "rooms") && (
        <ResourceShowcase
          resources={event.resources}
          title={event.kind === "stays" ? t("media.rooms") : t("media.spaces")}
        />
      )}
    </>
  );
}
