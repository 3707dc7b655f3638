/**
 * /bookings — my bookings and tickets: tickets by event (QR code, PDF, wallet passes, transfer
 * to another phone), offers made to me (accept), my open offers (cancel) and every booking with
 * its status, its invoices and, when confirmed, its cancellation policy with Cancel and Change
 * time (BookingChanges).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { bookings as bookingsApi, tickets as ticketsApi, transfers as transfersApi } from "../api";
import type { Booking, Ticket, Transfer } from "../../../api/schema";
import { Icon } from "../../../components/Icon";
import { Meta } from "../../../components/Meta";
import { PdfButton } from "../../../shared/tickets/PdfButton";
import { TicketStatusBadge } from "../../../shared/tickets/StatusBadge";
import { BookingStatusBadge, TransferStatusBadge } from "./StatusBadge";
import { TicketQr } from "../../../shared/tickets/TicketQr";
import { WalletButtons } from "../../../shared/tickets/WalletButtons";
import { MINE } from "../../../shared/tickets/wallet";
import { BookingInvoices } from "./Invoices";
import { BookingChanges } from "./BookingChanges";
import { IncomingOffer, PendingOffer, TransferForm } from "./Transfers";
import type { Say } from "./Transfers";
import { useSignedInUser, useVenueZones } from "../hooks/common";
import { isolate, ltr } from "../../../shared/lib/bidi";
import { kindOf, wordsOf } from "../../../shared/lib/wording";
import { formatSpan } from "../../../shared/lib/span";
import { ticketState } from "../../../shared/tickets/ticketState";
import { canTransfer, groupByEvent, incomingOffers, pendingOffersByTicket } from "../lib/tickets";
import "../../../shared/styles/checkout.css";

interface Mine {
  bookings: Booking[];
  tickets: Ticket[];
  transfers: Transfer[];
}

export default function MyBookingsPage() {
  const user = useSignedInUser();
  const [mine, setMine] = useState<Mine | null>(null);
  const [error, setError] = useState<unknown>(null);
  const i18n = useI18n();
  const [notice, setNotice] = useState<{ say: Say } | null>(null);
  const zones = useVenueZones(
    mine ? [...mine.bookings.map((b) => b.event), ...mine.tickets.map((x) => x.event), ...mine.transfers.map((x) => x.event)] : [],
  );

  const load = useCallback(async () => {
    try {
      const [bookings, tickets, transfers] = await Promise.all([
        bookingsApi.all(),
        ticketsApi.all(),
        transfersApi.all(),
      ]);
      setMine({ bookings, tickets, transfers });
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, []);

  // Loaded again when the language is switched: names come in the page's language.
  useEffect(() => {
    if (user) void load();
  }, [user, load, i18n.lang]);

  const changed = useCallback(
    (say: Say) => {
      setNotice({ say });
      void load();
    },
    [load],
  );

  if (user === undefined || (!mine && !error)) return <Loading />;

  const { t } = i18n;
  const title = t("checkout.mine.title");
  if (!mine)
    return (
      <main id="main" className="page">
        <PageTitle title={title}>{title}</PageTitle>
        <ErrorNotice error={error} onRetry={() => void load()} />
      </main>
    );

  const incoming = incomingOffers(mine.transfers);
  const open = pendingOffersByTicket(mine.transfers);
  const sent = mine.transfers.filter((transfer) => transfer.direction === "sent");
  const references = new Map(mine.bookings.map((booking) => [booking.id, booking.reference]));
  const nothing = mine.bookings.length === 0 && mine.tickets.length === 0 && incoming.length === 0;

  return (
    <main id="main" className="page co-mine">
      <PageTitle title={title}>{title}</PageTitle>
      <p role="status" className={notice ? "notice notice-ok" : "visually-hidden"}>
        {notice?.say(i18n)}
      </p>
      <ErrorNotice error={error} onRetry={() => void load()} />

      {nothing && (
        <div className="card co-empty-state">
          <Icon name="clock" size={40} />
          <p>{t("checkout.mine.empty")}</p>
          <Link className="btn" to="/">
            {t("checkout.mine.browse")}
          </Link>
        </div>
      )}

      {incoming.length > 0 && (
        <section aria-labelledby="co-incoming-title" className="co-section">
          <h2 id="co-incoming-title" className="co-h2">
            {t("checkout.mine.incoming")}
          </h2>
          <ul className="co-list">
            {incoming.map((offer) => (
              <IncomingOffer key={offer.id} offer={offer} onAccepted={changed} timeZone={zones[offer.event]} />
            ))}
          </ul>
        </section>
      )}

      {!nothing && (
        <section aria-labelledby="co-mytickets-title" className="co-section">
          <h2 id="co-mytickets-title" className="co-h2">
            {t("checkout.mine.tickets")}
          </h2>
          {mine.tickets.length === 0 ? (
            <p className="muted">{t("checkout.mine.noTickets")}</p>
          ) : (
            groupByEvent(mine.tickets).map((group) => (
              <EventTickets
                key={group.event}
                name={group.eventName}
                startsAt={group.startsAt}
                tickets={group.tickets}
                open={open}
                references={references}
                timeZone={zones[group.event]}
                onChanged={changed}
              />
            ))
          )}
        </section>
      )}

      {mine.bookings.length > 0 && (
        <section aria-labelledby="co-mybookings-title" className="co-section">
          <h2 id="co-mybookings-title" className="co-h2">
            {t("checkout.mine.bookings")}
          </h2>
          <ul className="co-list co-bookings">
            {mine.bookings.map((booking) => (
              <BookingRow
                key={booking.id}
                booking={booking}
                tickets={mine.tickets}
                timeZone={zones[booking.event]}
                onChanged={changed}
              />
            ))}
          </ul>
        </section>
      )}

      {sent.length > 0 && (
        <section aria-labelledby="co-transfers-title" className="co-section">
          <h2 id="co-transfers-title" className="co-h2">
            {t("checkout.mine.sentOffers")}
          </h2>
          <ul className="co-list">
            {sent.map((transfer) => (
              <SentTransfer key={transfer.id} transfer={transfer} timeZone={zones[transfer.event]} />
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

function EventTickets({
  name,
  startsAt,
  tickets,
  open,
  references,
  timeZone,
  onChanged,
}: {
  name: string;
  startsAt: string;
  tickets: Ticket[];
  open: Map<number, Transfer>;
  references: Map<string, string>;
  timeZone?: string;
  onChanged(say: Say): void;
}) {
  const { formatDateTime } = useI18n();
  return (
    <section className="co-event-group" aria-label={name}>
      <h3 className="co-h3 co-event-name">
        {name} <span className="muted co-event-date">{formatDateTime(startsAt, { dateStyle: "full", timeStyle: undefined }, timeZone)}</span>
      </h3>
      <ul className="co-list">
        {tickets.map((ticket) => (
          <TicketRow
            key={`${ticket.id}-${ticket.version}`}
            ticket={ticket}
            offer={open.get(ticket.id)}
            transferable={canTransfer(ticket, open)}
            reference={references.get(ticket.booking)}
            timeZone={timeZone}
            onChanged={onChanged}
          />
        ))}
      </ul>
    </section>
  );
}

function TicketRow({
  ticket,
  offer,
  transferable,
  reference,
  timeZone,
  onChanged,
}: {
  ticket: Ticket;
  offer?: Transfer;
  transferable: boolean;
  reference?: string;
  timeZone?: string;
  onChanged(say: Say): void;
}) {
  const { t, lang } = useI18n();
  const [showQr, setShowQr] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const transferButton = useRef<HTMLButtonElement>(null);
  const state = ticketState(ticket);
  const qrId = `ticket-${ticket.id}-qr`;
  return (
    <li className={`card co-ticket-row co-ticket-${state}`} data-testid="ticket-row" data-ticket={ticket.id}>
      <div className="co-ticket-row-head">
        <div className="stack co-tight">
          <strong className="co-ticket-label">{ticket.label}</strong>
          <Meta className="muted co-small">
            {ticket.holder_name || "—"}
            <span data-testid="ticket-when">{formatSpan(ticket, lang, timeZone)}</span>
          </Meta>
          <Meta className="muted co-small">
            {[
              <span key="reference" data-testid="ticket-reference">
                {t(wordsOf(ticket.event_kind).document, { reference: ltr(ticket.reference || reference || "") })}
              </span>,
            ]}
          </Meta>
        </div>
        <TicketStatusBadge state={state} />
      </div>
      <div className="row co-ticket-actions">
        <button
          type="button"
          className="btn btn-small"
          aria-expanded={showQr}
          aria-controls={qrId}
          onClick={() => setShowQr((shown) => !shown)}
        >
          {showQr ? t("checkout.ticket.hideQr") : t("checkout.ticket.showQr")}
        </button>
        <PdfButton ticket={ticket} />
        {transferable && (
          <button
            ref={transferButton}
            type="button"
            className="btn btn-secondary btn-small"
            aria-expanded={transferring}
            aria-controls={transferring ? `transfer-${ticket.id}-form` : undefined}
            onClick={() => setTransferring((open) => !open)}
          >
            <Icon name="send" size={16} /> {t("checkout.ticket.transfer")}
          </button>
        )}
      </div>
      <WalletButtons ticket={ticket} source={MINE} />
      {offer && <PendingOffer offer={offer} onChanged={onChanged} timeZone={timeZone} />}
      {showQr && (
        <div className="co-ticket-row-qr" id={qrId}>
          <TicketQr ticket={ticket} size={220} />
        </div>
      )}
      {transferring && transferable && (
        <TransferForm
          ticket={ticket}
          onClose={() => {
            setTransferring(false);
            transferButton.current?.focus();
          }}
          onOffered={(transfer) => {
            setTransferring(false);
            onChanged((tools) =>
              tools.t("checkout.transfer.sent", {
                phone: ltr(transfer.phone),
                when: tools.formatDateTime(transfer.expires_at, undefined, timeZone),
              }),
            );
          }}
        />
      )}
    </li>
  );
}

function BookingRow({
  booking,
  tickets,
  timeZone,
  onChanged,
}: {
  booking: Booking;
  tickets: Ticket[];
  timeZone?: string;
  onChanged(say: Say): void;
}) {
  const { t, lang, formatMoney, formatDateTime, formatNumber } = useI18n();
  const its = tickets.filter((ticket) => ticket.booking === booking.id);
  const count = its.length;
  // Tickets are counted at a festival; a stay, a room, a repair or the VIP evening has its one
  // reservation, booking, appointment or pass (shown above with its reference).
  const counted = kindOf(its[0]?.event_kind) === "festival";
  const when = formatSpan(booking, lang, timeZone);
  return (
    <li className="card co-booking-row" data-testid="booking-row">
      <div className="stack co-tight">
        <strong>{booking.event_name}</strong>
        {when && (
          <span className="co-small" data-testid="booking-when">
            {when}
          </span>
        )}
        <Meta className="muted co-small">
          <span dir="ltr" className="co-mono">
            {booking.reference}
          </span>
          {formatDateTime(booking.created_at, undefined, timeZone)}
          {count > 0 &&
            counted &&
            (count === 1
              ? t("checkout.mine.ticketCountOne")
              : t("checkout.mine.ticketCount", { count: formatNumber(count) }))}
        </Meta>
      </div>
      <div className="co-booking-row-side">
        <BookingStatusBadge status={booking.status} />
        <span className="co-booking-amount">{formatMoney(booking.amount, booking.currency)}</span>
      </div>
      <div className="row">
        <Link className="btn btn-secondary btn-small" to={`/bookings/${booking.id}`}>
          {t("checkout.mine.view", { reference: booking.reference })}
        </Link>
        {booking.status === "pending_payment" && booking.hold && (
          <Link className="btn btn-small" to={`/checkout/${booking.hold}`}>
            {t("checkout.booking.resumePayment")}
          </Link>
        )}
      </div>
      {booking.status === "confirmed" && <BookingChanges booking={booking} timeZone={timeZone} onChanged={onChanged} />}
      <BookingInvoices booking={booking} timeZone={timeZone} />
    </li>
  );
}

function SentTransfer({ transfer, timeZone }: { transfer: Transfer; timeZone?: string }) {
  const { t, formatDateTime } = useI18n();
  return (
    <li className="card co-sent">
      <div className="stack co-tight">
        <Meta>
          <strong>{transfer.event_name}</strong>
          <strong>{transfer.label}</strong>
        </Meta>
        <Meta className="muted co-small">
          {t("checkout.transfer.to", { phone: ltr(transfer.phone) }) + (transfer.name ? ` (${isolate(transfer.name)})` : "")}
          {formatDateTime(transfer.decided_at ?? transfer.created_at, undefined, timeZone)}
        </Meta>
      </div>
      <TransferStatusBadge status={transfer.status} />
    </li>
  );
}
