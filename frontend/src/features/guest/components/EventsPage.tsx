/** `/`: every event, as cards, with a filter by kind. */
import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { EventSummary } from "../../../api/schema";
import { fetchEvent, fetchEvents } from "../api";
import { EventCard } from "./EventCard";
import { KindIcon, useKindLabel } from "./KindBadge";
import { priceFrom } from "../lib/events";
import { useConnectNow } from "../hooks/useConnectNow";
import { useLoad } from "../../../shared/hooks/useLoad";
import "../guest.css";

/** The lowest price of each event (undefined while it loads; null when nothing is priced). */
function usePricesFrom(events: EventSummary[] | null): Record<string, string | null | undefined> {
  const [prices, setPrices] = useState<Record<string, string | null>>({});
  useEffect(() => {
    if (!events) return;
    const controller = new AbortController();
    for (const event of events) {
      if (event.allowlist_only) {
        setPrices((old) => ({ ...old, [event.slug]: null }));
        continue;
      }
      fetchEvent(event.slug, controller.signal).then(
        (detail) => setPrices((old) => ({ ...old, [event.slug]: priceFrom(detail.resources) })),
        () => !controller.signal.aborted && setPrices((old) => ({ ...old, [event.slug]: null })),
      );
    }
    return () => controller.abort();
  }, [events]);
  return prices;
}

export default function EventsPage() {
  const { t, formatNumber } = useI18n();
  const kindLabel = useKindLabel();
  const { data: events, error, loading, reload } = useLoad(fetchEvents, "events");
  const prices = usePricesFrom(events);
  useConnectNow();
  const [kind, setKind] = useState<string | null>(null);
  const kinds = useMemo(() => [...new Set((events ?? []).map((event) => event.kind))], [events]);
  const shown = (events ?? []).filter((event) => !kind || event.kind === kind);

  return (
    <main id="main" className="page guest-page">
      <section className="events-hero">
        <PageTitle title={t("guest.events.title")}>{t("guest.events.title")}</PageTitle>
        <p className="lede">{t("guest.events.lede")}</p>
        {events?.some((event) => event.kind === "festival") && (
          <p className="events-sell">
            <Link to="/vendor">{t("guest.events.sell")}</Link>
          </p>
        )}
      </section>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {loading && <Loading />}
      {events && (
        <>
          {kinds.length > 1 && (
            <div className="chip-row" role="group" aria-label={t("guest.events.filter")}>
              <button type="button" className="chip" aria-pressed={kind === null} onClick={() => setKind(null)}>
                {t("guest.events.all")}
              </button>
              {kinds.map((value) => (
                <button
                  key={value}
                  type="button"
                  className="chip"
                  aria-pressed={kind === value}
                  onClick={() => setKind(kind === value ? null : value)}
                >
                  <KindIcon kind={value} size={16} />
                  {kindLabel(value)}
                </button>
              ))}
            </div>
          )}
          <p className="visually-hidden" role="status" aria-live="polite">
            {t("guest.events.count", { count: formatNumber(shown.length) })}
          </p>
          {shown.length === 0 ? (
            <p className="empty-state">{t("guest.events.none")}</p>
          ) : (
            <ul className="event-grid" role="list">
              {shown.map((event) => (
                <li key={event.slug}>
                  <EventCard event={event} price={prices[event.slug]} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </main>
  );
}
