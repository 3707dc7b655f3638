/**
 * /bookings/:id — the confirmation. While the payment is being confirmed it asks again every
 * two seconds (for a couple of minutes) and listens to the hold's topic for `hold.converted`;
 * once confirmed it shows the tickets, each with its QR code and a PDF.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { useTopic } from "../../../realtime/react";
import type { TopicEvent } from "../../../realtime/client";
import { ticketsOfBooking } from "../../../shared/tickets/api";
import { isApiError } from "../../../api/client";
import { bookings, events } from "../api";
import type { Booking, EventKind, Ticket } from "../../../api/schema";
import { Icon } from "../../../components/Icon";
import type { TaxTerms } from "../../../shared/lib/tax";
import { ItemsSummary } from "./ItemsSummary";
import { JobCard } from "../../../shared/repair/JobCard";
import { jobOf } from "../../../shared/lib/repair";
import { providerName } from "../../../shared/payments/PaymentStep";
import { PaymentFailed } from "../../../shared/payments/PaymentFailed";
import { paymentFailureOf } from "../../../shared/payments/failure";
import { payments } from "../../../shared/payments/api";
import type { PaymentState } from "../../../api/schema";
import { BookingStatusBadge } from "./StatusBadge";
import { TicketCard } from "../../../shared/tickets/TicketCard";
import { formatSpan } from "../../../shared/lib/span";
import { ltr } from "../../../shared/lib/bidi";
import { wordsOf } from "../../../shared/lib/wording";
import { useSignedInUser } from "../hooks/common";
import { hasTickets, POLL_INTERVAL_MS, shouldPoll } from "../lib/bookingStatus";
import "../../../shared/styles/checkout.css";
import { holdTopic } from "../../../realtime/topics";
import { AddToCalendar } from "../../../shared/calendar/AddToCalendar";
import { StayTimes } from "../../../shared/media/StayTimes";
import type { Venue } from "../../../api/schema";

const TICKET_RETRIES = 5;

export default function BookingPage() {
  const { id = "" } = useParams();
  const user = useSignedInUser();
  const { t, lang } = useI18n();
  const [booking, setBooking] = useState<Booking | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pollStart, setPollStart] = useState(() => Date.now());
  const [gaveUp, setGaveUp] = useState(false);
  const [venue, setVenue] = useState<{ timeZone?: string; kind?: EventKind; tax?: TaxTerms; place?: Venue }>({});
  const timeZone = venue.timeZone;

  // How paying went: a declined payment says so (and why) instead of "waiting".
  const [payment, setPayment] = useState<PaymentState | null>(null);
  const load = useCallback(async () => {
    try {
      const [answer, paid] = await Promise.all([bookings.get(id), payments.state(id).catch(() => null)]);
      setPayment(paid);
      setBooking(answer);
      setError(null);
      return answer;
    } catch (failure) {
      setError(failure);
      return null;
    }
  }, [id]);

  // Loaded again when the language is switched: names come in the page's language.
  useEffect(() => {
    if (user) void load();
  }, [user, load, lang]);

  // The venue's time zone for dates (the event is public).
  useEffect(() => {
    if (!booking?.event) return;
    events
      .get(booking.event)
      .then((event) => setVenue({ timeZone: event.venue.time_zone, kind: event.kind, tax: event, place: event.venue }))
      .catch(() => undefined);
  }, [booking?.event, lang]);

  // Ask again while the payment is being confirmed.
  const status = booking?.status;
  useEffect(() => {
    if (status !== "pending_payment") return;
    if (!shouldPoll(status, pollStart, Date.now())) {
      setGaveUp(true);
      return;
    }
    setGaveUp(false);
    const timer = setTimeout(async () => {
      const answer = await load();
      if (answer?.status === "pending_payment" && !shouldPoll(answer.status, pollStart, Date.now())) setGaveUp(true);
    }, POLL_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [status, booking, pollStart, load]);

  // The hold turns into a sale the moment the payment is confirmed.
  useTopic(status === "pending_payment" && booking?.hold ? holdTopic(booking.hold) : null, {
    onEvent: ({ kind }: TopicEvent) => {
      if (kind === "hold.converted" || kind === "hold.expired" || kind === "hold.released") void load();
    },
  });

  if (user === undefined || (!booking && !error)) return <Loading />;
  if (!booking) {
    return (
      <main id="main" className="page narrow">
        <PageTitle title={t("checkout.booking.details")}>{t("checkout.booking.details")}</PageTitle>
        {isApiError(error, undefined, 404) ? (
          <p className="notice notice-warn" role="alert">
            {t("checkout.booking.notFound")}
          </p>
        ) : (
          <ErrorNotice error={error} onRetry={() => void load()} />
        )}
        <p>
          <Link to="/bookings">{t("checkout.booking.all")}</Link>
        </p>
      </main>
    );
  }

  const failure = paymentFailureOf(payment, booking.status);
  // In the business's words: "Reservation 9B2F4C1E", "Appointment …" (the event's kind comes
  // with the event; a booking's tickets carry it too).
  const words = wordsOf(venue.kind);
  const heading = t(words.booking, { reference: ltr(booking.reference) });
  return (
    <main id="main" className="page co-booking">
      <PageTitle title={heading}>
        {heading}
        <span className="co-subtitle">{booking.event_name}</span>
      </PageTitle>
      {failure ? (
        <PaymentFailed failure={failure} holdId={booking.hold} />
      ) : (
        <StatusPanel
          booking={booking}
          service={venue.kind === "service"}
          kind={venue.kind}
          gaveUp={gaveUp}
          onCheckAgain={() => {
            setPollStart(Date.now());
            setGaveUp(false);
            void load();
          }}
        />
      )}
      <div className="co-layout co-layout-booking">
        <div className="co-main">
          {venue.kind === "service" ? (
            <JobCard booking={booking} timeZone={timeZone} />
          ) : (
            hasTickets(booking.status) && <BookingTickets booking={booking} timeZone={timeZone} kind={venue.kind} />
          )}
        </div>
        <aside className="co-aside stack">
          <BookingFacts booking={booking} timeZone={timeZone} kind={venue.kind} tax={venue.tax} />
          {venue.kind === "stays" && venue.place && (
            <StayTimes checkIn={venue.place.check_in_time} checkOut={venue.place.check_out_time} className="card co-stay-times" />
          )}
          {hasTickets(booking.status) && <AddToCalendar booking={booking} venue={venue.place} pagePath={`/bookings/${booking.id}`} />}
          <Link to="/bookings" className="btn btn-secondary">
            {t("checkout.booking.all")}
          </Link>
        </aside>
      </div>
    </main>
  );
}

function StatusPanel({
  booking,
  gaveUp,
  onCheckAgain,
  service = false,
  kind,
}: {
  booking: Booking;
  gaveUp: boolean;
  onCheckAgain(): void;
  service?: boolean;
  kind?: EventKind;
}) {
  const { t, formatMoney } = useI18n();
  // Stripe comes back with redirect_status=failed when the card was declined.
  const [params] = useSearchParams();
  const declined = params.get("redirect_status") === "failed";
  const status = booking.status;
  let tone = "ok";
  let title = t("checkout.booking.confirmedTitle");
  let text = t(wordsOf(kind).confirmed);
  if (service) {
    // An appointment has no tickets: bring the vehicle (and pay at the shop when that was the choice).
    title = t("repair.booked.title");
    text = jobOf(booking).paymentStatus === "due" ? t("repair.booked.due") : t("repair.booked.text");
  }
  if (status === "pending_payment") {
    tone = "warn";
    title = t("checkout.booking.pendingTitle");
    text = declined
      ? t("checkout.booking.declined")
      : gaveUp
        ? t("checkout.booking.pendingLong")
        : t("checkout.booking.pending");
  } else if (status === "expired") {
    tone = "bad";
    title = t("checkout.booking.expiredTitle");
    text = t("checkout.booking.expired");
  } else if (status === "cancelled") {
    tone = "bad";
    title = t("checkout.booking.cancelledTitle");
    text = t("checkout.booking.cancelled");
  } else if (status === "refunded") {
    tone = "bad";
    title = t("checkout.booking.refundedTitle");
    text = t("checkout.booking.refunded", {
      amount: formatMoney(booking.refunded_amount || booking.amount, booking.currency),
    });
  }
  return (
    <section className={`co-status co-status-${tone}`} data-testid="booking-status" data-status={status}>
      <span className="co-status-icon" aria-hidden="true">
        {tone === "ok" ? <Icon name="check" size={26} /> : tone === "warn" ? <span className="spinner" /> : <Icon name="alert" size={24} />}
      </span>
      <div className="co-status-text" role="status" aria-live="polite">
        <h2 className="co-h2">{title}</h2>
        <p>{text}</p>
      </div>
      {status === "pending_payment" && (
        <div className="row co-status-actions">
          {!gaveUp && <span className="co-small">{t("checkout.booking.notPaidYet")}</span>}
          {gaveUp && (
            <button type="button" className="btn btn-secondary btn-small" onClick={onCheckAgain}>
              {t("checkout.booking.checkAgain")}
            </button>
          )}
          {booking.hold && (
            <Link className={`btn btn-small ${gaveUp ? "" : "btn-secondary"}`} to={`/checkout/${booking.hold}`}>
              {t("checkout.booking.resumePayment")}
            </Link>
          )}
        </div>
      )}
    </section>
  );
}

function BookingTickets({ booking, timeZone, kind }: { booking: Booking; timeZone?: string; kind?: EventKind }) {
  const { t } = useI18n();
  const [list, setList] = useState<Ticket[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const tries = useRef(0);

  const load = useCallback(async () => {
    try {
      const mine = await ticketsOfBooking(booking.id);
      setList(mine);
      setError(null);
      return mine;
    } catch (failure) {
      setError(failure);
      return null;
    }
  }, [booking.id]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    tries.current = 0;
    const attempt = async () => {
      const mine = await load();
      // Tickets are issued with the confirmation; a moment's lag is possible in a full stack.
      if (!cancelled && mine && mine.length === 0 && tries.current < TICKET_RETRIES) {
        tries.current += 1;
        timer = setTimeout(attempt, POLL_INTERVAL_MS);
      }
    };
    void attempt();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [load, booking.status]);

  return (
    <section aria-labelledby="co-tickets-title" className="stack">
      <h2 id="co-tickets-title" className="co-h2">
        {t(wordsOf(list?.[0]?.event_kind ?? kind).yours)}
      </h2>
      <ErrorNotice error={error} onRetry={() => void load()} />
      {list === null ? (
        <Loading label={t(wordsOf(kind).loading)} />
      ) : list.length === 0 ? (
        <p className="muted">{t(wordsOf(kind).none)}</p>
      ) : (
        <div className="co-tickets">
          {list.map((ticket) => (
            <TicketCard key={`${ticket.id}-${ticket.version}`} ticket={ticket} reference={booking.reference} timeZone={timeZone} />
          ))}
        </div>
      )}
    </section>
  );
}

function BookingFacts({
  booking,
  timeZone,
  kind,
  tax,
}: {
  booking: Booking;
  timeZone?: string;
  kind?: EventKind;
  tax?: TaxTerms;
}) {
  const { t, lang, formatMoney, formatDateTime } = useI18n();
  const provider = booking.provider;
  const when = formatSpan(booking, lang, timeZone);
  return (
    <>
      <section className="card co-facts-card" aria-labelledby="co-facts-title">
        <h2 id="co-facts-title" className="co-h2">
          {t("checkout.booking.details")}
        </h2>
        <dl className="co-facts">
          <div>
            <dt>{t("checkout.booking.reference")}</dt>
            <dd dir="ltr" className="co-mono">
              {booking.reference}
            </dd>
          </div>
          {when && (
            <div>
              <dt>{t("checkout.ticket.when")}</dt>
              <dd data-testid="booking-when">{when}</dd>
            </div>
          )}
          <div>
            <dt>{t("checkout.booking.status")}</dt>
            <dd>
              <BookingStatusBadge status={booking.status} />
            </dd>
          </div>
          <div>
            <dt>{t("checkout.booking.amount")}</dt>
            <dd>{formatMoney(booking.amount, booking.currency)}</dd>
          </div>
          {provider && (
            <div>
              <dt>{t("checkout.booking.paidWith")}</dt>
              <dd>{providerName(t, provider)}</dd>
            </div>
          )}
          <div>
            <dt>{t("checkout.booking.bookedOn")}</dt>
            <dd>{formatDateTime(booking.created_at, undefined, timeZone)}</dd>
          </div>
        </dl>
      </section>
      {kind !== "service" && (
        <ItemsSummary
          items={booking.items}
          currency={booking.currency}
          timeZone={timeZone}
          kind={kind}
          title={booking.event_name}
          total={booking.amount}
          tax={tax}
        />
      )}
    </>
  );
}
