/** One ticket as the guest shows it at the gate: the QR code, what it admits, whose it is. */
import { useI18n } from "../../i18n";
import type { Ticket } from "../../api/schema";
import { ltr } from "../lib/bidi";
import { formatSpan } from "../lib/span";
import { wordsOf } from "../lib/wording";
import { groupedCode, ticketState } from "./ticketState";
import { Meta } from "../../components/Meta";
import { PdfButton } from "./PdfButton";
import { TicketStatusBadge } from "./StatusBadge";
import { TicketQr } from "./TicketQr";
import { WalletButtons } from "./WalletButtons";
import { MINE } from "./wallet";
import type { WalletSource } from "./wallet";

/**
 * `pdf={false}` where nobody is signed in (a signed link): the PDF is for the signed-in holder.
 * `wallet` says whose wallet passes the buttons fetch (the signed-in holder's by default, or a
 * signed link's).
 */
export function TicketCard({
  ticket,
  reference,
  timeZone,
  pdf = true,
  wallet = MINE,
}: {
  ticket: Ticket;
  reference?: string;
  timeZone?: string;
  pdf?: boolean;
  wallet?: WalletSource;
}) {
  const { t, lang, formatDateTime } = useI18n();
  const state = ticketState(ticket);
  // The business's words (a reservation, an appointment ...) and the ticket's reference,
  // never its id.
  const words = wordsOf(ticket.event_kind);
  return (
    <article className={`card co-ticket co-ticket-${state}`} aria-labelledby={`ticket-${ticket.id}-title`}>
      <div className="co-ticket-head">
        <h3 className="co-h3" id={`ticket-${ticket.id}-title`}>
          {ticket.label}
        </h3>
        <TicketStatusBadge state={state} />
      </div>
      <div className="co-ticket-qr">
        <TicketQr ticket={ticket} />
        <Meta className="co-ticket-code">
          {[
            <span key="reference" data-testid="ticket-reference">
              {t(words.document, { reference: ltr(ticket.reference || reference || "") })}
            </span>,
          ]}
        </Meta>
      </div>
      {state === "void" && (
        <p className="notice notice-error co-small">{t(words.void)}</p>
      )}
      {state === "used" && ticket.admitted_at && (
        <p className="notice notice-ok co-small">
          {t("checkout.ticket.used", { when: formatDateTime(ticket.admitted_at, undefined, timeZone) })}
        </p>
      )}
      <dl className="co-facts">
        <div>
          <dt>{t(words.holder)}</dt>
          <dd>{ticket.holder_name || "—"}</dd>
        </div>
        <div>
          <dt>{t("checkout.ticket.when")}</dt>
          <dd data-testid="ticket-when">{formatSpan(ticket, lang, timeZone)}</dd>
        </div>
      </dl>
      <details className="co-code-details">
        <summary>{t("checkout.ticket.code")}</summary>
        <code dir="ltr">{groupedCode(ticket.qr_payload)}</code>
      </details>
      <WalletButtons ticket={ticket} source={wallet} />
      {pdf && (
        <div className="row">
          <PdfButton ticket={ticket} />
        </div>
      )}
    </article>
  );
}
