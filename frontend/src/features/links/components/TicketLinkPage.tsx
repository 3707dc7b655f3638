/**
 * /t/:token — where the tickets SMS leads: one booking's tickets with their QR codes, for a
 * guest who is not signed in (the signed token is the key; see backend/tickets/links.py).
 * Dates are in the venue's time zone. A bad or expired link says so and offers to sign in.
 */
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../../../api/client";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { isolate, ltr } from "../../../shared/lib/bidi";
import { wordsOf } from "../../../shared/lib/wording";
import { TicketCard } from "../../../shared/tickets/TicketCard";
import { signInPath } from "../../../shared/auth/nextPath";
import { ticketLink } from "../api";
import type { TicketLink } from "../../../api/schema";
import { useMessageLanguage } from "../hooks/useMessageLanguage";
import "../../../shared/styles/checkout.css";
import "../links.css";

export default function TicketLinkPage() {
  const { token = "" } = useParams();
  const { t } = useI18n();
  const [link, setLink] = useState<TicketLink | null>(null);
  const [error, setError] = useState<unknown>(null);
  useMessageLanguage(link?.language);

  const load = useCallback(async () => {
    try {
      setLink(await ticketLink(token));
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [token]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!link && !error) return <Loading />;
  const title = t("links.tickets.title");
  if (!link)
    return (
      <main id="main" className="page narrow links-page">
        {isApiError(error, undefined, 404) ? (
          <>
            <PageTitle title={t("links.tickets.invalidTitle")}>{t("links.tickets.invalidTitle")}</PageTitle>
            <p className="notice notice-warn" role="alert" data-testid="ticket-link-invalid">
              {t("links.tickets.invalid")}
            </p>
            <Link className="btn" to={signInPath("/bookings")}>
              {t("links.tickets.signIn")}
            </Link>
          </>
        ) : (
          <>
            <PageTitle title={title}>{title}</PageTitle>
            <ErrorNotice error={error} onRetry={() => void load()} />
          </>
        )}
      </main>
    );

  const { event, tickets } = link;
  // In the words of the business: "Your reservation", shown at reception, not "at the gate".
  const words = tickets.length > 0 ? wordsOf(tickets[0].event_kind) : null;
  const heading = words ? t(words.yours) : title;
  return (
    <main id="main" className="page co-booking links-page">
      <PageTitle title={`${heading} · ${event.name}`}>
        {heading}
        <span className="co-subtitle">{event.name}</span>
      </PageTitle>
      <div className="co-layout co-layout-booking">
        <section className="co-main" aria-label={heading}>
          {tickets.length === 0 ? (
            <p className="notice notice-warn" role="status" data-testid="ticket-link-empty">
              {t("links.tickets.none")}
            </p>
          ) : (
            <>
              <p className="muted links-flush">{t(words && tickets[0].event_kind !== "festival" ? words.confirmed : "links.tickets.show")}</p>
              <div className="co-tickets">
                {tickets.map((ticket) => (
                  <TicketCard
                    key={`${ticket.id}-${ticket.version}`}
                    ticket={ticket}
                    reference={link.reference}
                    timeZone={event.time_zone}
                    pdf={false}
                    wallet={{ kind: "link", token }}
                  />
                ))}
              </div>
            </>
          )}
        </section>
        <aside className="co-aside stack">
          <EventFacts link={link} />
          <p className="muted co-small links-flush">{t("links.tickets.more")}</p>
          <Link className="btn btn-secondary" to={signInPath("/bookings")}>
            {t("links.tickets.signIn")}
          </Link>
        </aside>
      </div>
    </main>
  );
}

function EventFacts({ link }: { link: TicketLink }) {
  const { t, lang, formatDateTime } = useI18n();
  const { event } = link;
  const where = [event.venue, event.city].filter(Boolean).map(isolate).join(lang === "ar" ? "، " : ", ");
  return (
    <section className="card co-facts-card" aria-labelledby="links-event-title" data-testid="ticket-link-event">
      <h2 id="links-event-title" className="co-h2">
        {event.name}
      </h2>
      <dl className="co-facts">
        <div>
          <dt>{t("links.tickets.when")}</dt>
          <dd>{formatDateTime(event.starts_at, { dateStyle: "full", timeStyle: "short" }, event.time_zone)}</dd>
        </div>
        {where && (
          <div>
            <dt>{t("links.tickets.where")}</dt>
            <dd>{where}</dd>
          </div>
        )}
        <div>
          <dt>{t("checkout.booking.reference")}</dt>
          <dd className="co-mono">{ltr(link.reference)}</dd>
        </div>
      </dl>
      <p className="muted co-small links-flush">{t("links.tickets.zone", { zone: ltr(event.time_zone) })}</p>
    </section>
  );
}
