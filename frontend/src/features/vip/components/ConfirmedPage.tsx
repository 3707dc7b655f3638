/**
 * /vip/confirmed/:id — the booking as it stands: confirmed with its pass, awaiting payment,
 * or over.
 */
import { useCallback, useEffect, useState } from "react";
import { Link, Navigate, useParams } from "react-router";
import { ApiError } from "../../../api/client";
import { useSession, useSessionReady } from "../../../components/SiteHeader";
import { Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { isolate } from "../../../shared/lib/bidi";
import type { MessageKey } from "../../../i18n";
import { useTopic } from "../../../realtime/react";
import { awaitsPayment, fetchBooking, fetchEvent, fetchTicketsOf, testPaymentUrl } from "../api";
import type { Booking, BookingStatus, Ticket, EventSummary } from "../../../api/schema";
import { EntryPass } from "./EntryPass";
import {
  clearFlow,
  confirmationPath,
  DEFAULT_EVENT,
  readFlow,
  verifyPath,
  withEvent,
} from "../lib/flow";
import { useTimes } from "../hooks/common";
import { Divider, EventName, Ornament, VenueText, VipErrorNotice, VipPage } from "./parts";
import { bookingProblem } from "../lib/problems";
import { holdTopic } from "../../../realtime/topics";
import { AddToCalendar } from "../../../shared/calendar/AddToCalendar";

const CONFIRMED: BookingStatus[] = ["confirmed", "in_progress", "completed"];

interface Loaded {
  booking: Booking;
  event: EventSummary | null;
  tickets: Ticket[];
}

export default function ConfirmedPage() {
  const { id = "" } = useParams();
  const ready = useSessionReady();
  const user = useSession();
  if (!ready)
    return (
      <VipPage>
        <Loading />
      </VipPage>
    );
  if (!user) return <Navigate to={verifyPath(readFlow()?.event ?? DEFAULT_EVENT)} replace />;
  return <BookingView id={id} />;
}

function useBooking(id: string) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    (async () => {
      const booking = await fetchBooking(id, abort.signal);
      const [event, tickets] = await Promise.all([
        fetchEvent(booking.event, abort.signal).catch(() => null),
        CONFIRMED.includes(booking.status)
          ? fetchTicketsOf(booking.id, abort.signal)
          : Promise.resolve([]),
      ]);
      return { booking, event, tickets };
    })().then(
      (found) => {
        setLoaded(found);
        if (CONFIRMED.includes(found.booking.status)) clearFlow();
      },
      (failure: unknown) => {
        if (!abort.signal.aborted) setError(failure);
      },
    );
    return () => abort.abort();
  }, [id, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { loaded, error, reload };
}

function BookingView({ id }: { id: string }) {
  const { t } = useI18n();
  const { loaded, error, reload } = useBooking(id);
  const pending = loaded?.booking.status === "pending_payment";

  // While a payment is open, the hold's fate (converted when paid, or expired) says when to
  // look again.
  useTopic(pending && loaded?.booking.hold ? holdTopic(loaded.booking.hold) : null, {
    onEvent: (frame) => {
      if (["hold.converted", "hold.expired", "hold.released"].includes(frame.kind)) reload();
    },
  });

  if (error) {
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <VipPage>
        <PageTitle title={t("vip.done.notFound")}>{t("vip.done.notFound")}</PageTitle>
        {missing ? null : <VipErrorNotice error={error} onRetry={reload} />}
      </VipPage>
    );
  }
  if (!loaded)
    return (
      <VipPage>
        <Loading />
      </VipPage>
    );

  const { booking, event, tickets } = loaded;
  if (CONFIRMED.includes(booking.status))
    return <Confirmed booking={booking} event={event} tickets={tickets} />;
  if (awaitsPayment(booking)) return <AwaitingPayment booking={booking} event={event} />;
  return <Ended booking={booking} event={event} />;
}

function BookingFacts({ booking, event }: { booking: Booking; event: EventSummary | null }) {
  const { t } = useI18n();
  const times = useTimes(event?.venue.time_zone);
  const item = booking.items[0];
  return (
    <dl className="vip-facts vip-facts-booking">
      {item && (
        <div>
          <dt>{t("vip.done.arrival")}</dt>
          <dd>
            <span className="vip-block">{times.date(item.starts_at)}</span>
            <span className="vip-block">{times.range(item.starts_at, item.ends_at)}</span>
          </dd>
        </div>
      )}
      {event?.venue.name && (
        <div>
          <dt>{t("vip.event.place")}</dt>
          <dd>
            <VenueText venue={event.venue} />
          </dd>
        </div>
      )}
      {booking.contact.name && (
        <div>
          <dt>{t("vip.done.guest")}</dt>
          <dd>{booking.contact.name}</dd>
        </div>
      )}
      <div>
        <dt>{t("vip.done.reference")}</dt>
        <dd>
          <span className="vip-reference" dir="ltr">
            {booking.reference}
          </span>
        </dd>
      </div>
      <div>
        <dt>{t("vip.done.status")}</dt>
        <dd>
          <span
            className={`badge vip-status vip-status-${booking.status}`}
            data-testid="booking-status"
          >
            {t(`vip.status.${booking.status}` as MessageKey)}
          </span>
        </dd>
      </div>
    </dl>
  );
}

function Confirmed({ booking, event, tickets }: Loaded) {
  const { t } = useI18n();
  const title = t("vip.done.title");
  return (
    <VipPage wide>
      <div className="vip-crest">
        <Ornament size={56} />
      </div>
      <p className="vip-eyebrow">
        <EventName name={booking.event_name} language={event?.language} />
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="vip-lede">
        {booking.contact.name
          ? t("vip.done.lead", { name: isolate(booking.contact.name) })
          : t("vip.done.leadNoName")}
      </p>
      <div className="vip-confirmed">
        <BookingFacts booking={booking} event={event} />
        {tickets.length > 0 ? (
          tickets.map((ticket) => (
            <EntryPass key={ticket.id} ticket={ticket} reference={booking.reference} />
          ))
        ) : (
          <p className="vip-fine">{t("vip.pass.none")}</p>
        )}
        <AddToCalendar booking={booking} venue={event?.venue} pagePath={confirmationPath(booking.id)} className="vip-calendar" />
      </div>
    </VipPage>
  );
}

function AwaitingPayment({ booking, event }: { booking: Booking; event: EventSummary | null }) {
  const { t, formatMoney } = useI18n();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const title = t("vip.pending.title");

  async function pay() {
    setStarting(true);
    setError(null);
    try {
      window.location.assign(await testPaymentUrl(booking.id, confirmationPath(booking.id)));
    } catch (failure) {
      setError(failure);
      setStarting(false);
    }
  }

  return (
    <VipPage>
      <div className="vip-crest">
        <Ornament size={48} />
      </div>
      <p className="vip-eyebrow">
        <EventName name={booking.event_name} language={event?.language} />
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="vip-lede">{t("vip.pending.lead")}</p>
      <BookingFacts booking={booking} event={event} />
      <Divider />
      <VipErrorNotice error={error} describe={bookingProblem} />
      <button type="button" className="btn btn-block vip-btn" onClick={pay} disabled={starting}>
        {t("vip.pending.pay", { amount: formatMoney(booking.amount, booking.currency) })}
      </button>
      <p className="vip-fine" role="status">
        {starting ? t("vip.pending.waiting") : ""}
      </p>
    </VipPage>
  );
}

function Ended({ booking, event }: { booking: Booking; event: EventSummary | null }) {
  const { t } = useI18n();
  const title = t("vip.ended.title");
  return (
    <VipPage>
      <div className="vip-crest">
        <Ornament size={48} />
      </div>
      <p className="vip-eyebrow">
        <EventName name={booking.event_name} language={event?.language} />
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <BookingFacts booking={booking} event={event} />
      <p className="vip-text">{t("vip.ended.lead")}</p>
      <Link className="btn btn-block vip-btn" to={withEvent("/book", booking.event)}>
        {t("vip.ended.again")}
      </Link>
    </VipPage>
  );
}
