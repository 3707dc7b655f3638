/** One event in the list: what, where, when, from how much, and whether it is on sale. */
import { Link } from "react-router";
import type { MessageKey } from "../../../i18n";
import { useI18n } from "../../../i18n";
import { TaxNote } from "../../../components/TaxNote";
import type { EventSummary } from "../../../api/schema";
import { eventHref } from "../lib/events";
import { formatEventDates } from "../lib/format";
import { KindBadge } from "./KindBadge";

const PRICE_UNIT: Record<string, MessageKey> = {
  stays: "guest.price.perNight",
  rooms: "guest.price.perSlot",
  service: "guest.price.perVisit",
};

const ACTION: Record<string, MessageKey> = {
  festival: "guest.card.actionFestival",
  stays: "guest.card.actionStays",
  rooms: "guest.card.actionRooms",
  service: "guest.card.actionService",
};

export function StatusBadge({ event }: { event: Pick<EventSummary, "status" | "allowlist_only"> }) {
  const { t } = useI18n();
  if (event.status !== "on_sale") return <span className="status-badge status-closed">{t("guest.status.closed")}</span>;
  if (event.allowlist_only) return <span className="status-badge status-invite">{t("guest.status.invite")}</span>;
  return <span className="status-badge status-on-sale">{t("guest.status.onSale")}</span>;
}

export function EventCard({ event, price }: { event: EventSummary; price: string | null | undefined }) {
  const { t, lang, formatMoney } = useI18n();
  const unit = PRICE_UNIT[event.kind];
  const action = event.allowlist_only ? "guest.card.actionInvite" : (ACTION[event.kind] ?? "guest.card.actionOther");
  return (
    <article className={`event-card kind-${event.kind}`} data-testid={`event-${event.slug}`}>
      <div className="event-card-top">
        <KindBadge kind={event.kind} />
        <StatusBadge event={event} />
      </div>
      <h2 className="event-card-title">
        <Link to={eventHref(event)} className="event-card-link">
          <bdi>{event.name}</bdi>
        </Link>
      </h2>
      <p className="event-card-meta">
        <bdi>{event.venue.name}</bdi>
        <span aria-hidden="true"> · </span>
        <bdi>{event.venue.city}</bdi>
      </p>
      <p className="event-card-dates">
        <time dateTime={event.starts_at}>
          {formatEventDates(lang, event.starts_at, event.ends_at, event.venue.time_zone)}
        </time>
      </p>
      <div className="event-card-foot">
        <span className="event-card-price">
          {price === undefined ? (
            <span className="price-placeholder" aria-hidden="true" />
          ) : price === null ? (
            event.allowlist_only ? t("guest.price.invite") : ""
          ) : (
            <>
              {t("guest.price.from", { price: formatMoney(price, event.currency) })}
              {unit && <span className="muted"> {t(unit)}</span>} <TaxNote event={event} />
            </>
          )}
        </span>
        <span className="event-card-action" aria-hidden="true">
          {t(action)} <span className="arrow">→</span>
        </span>
      </div>
    </article>
  );
}
