/** What is held or booked: one line per ticket type, room or bay, with prices and the total. */
import type { ReactNode } from "react";
import { useI18n } from "../../../i18n";
import { TaxNote } from "../../../components/TaxNote";
import type { TaxTerms } from "../../../shared/lib/tax";
import type { EventKind, HoldItem } from "../../../api/schema";
import { fromCents } from "../../../shared/lib/money";
import { summarise, totalCents } from "../lib/summary";
import type { SummaryLine } from "../lib/summary";

interface Props {
  items: readonly HoldItem[];
  currency: string;
  kind?: EventKind;
  timeZone?: string;
  title?: string;
  eventName?: string;
  venue?: string;
  footer?: ReactNode;
  /** What is charged, as the server says it (a hold's total, a booking's amount): with net
   * prices the lines' prices plus their tax. Without it, the lines' sum. */
  total?: string;
  /** The event's tax: with net prices, "+ 18 % tax" beside the lines. */
  tax?: TaxTerms | null;
}

function useWhen(kind: EventKind | undefined, timeZone: string | undefined) {
  const { formatDateTime, t, formatNumber, dir } = useI18n();
  // From check-in to check-out, pointing the way the page reads.
  const arrow = dir === "rtl" ? "←" : "→";
  return (line: SummaryLine): string => {
    if (kind === "stays") {
      const dates = `${formatDateTime(line.startsAt, { dateStyle: "medium", timeStyle: undefined }, timeZone)} ${arrow} ${formatDateTime(line.endsAt, { dateStyle: "medium", timeStyle: undefined }, timeZone)}`;
      const nights =
        line.slots === 1 ? t("checkout.summary.nightsOne") : t("checkout.summary.nights", { count: formatNumber(line.slots) });
      return `${nights} — ${dates}`;
    }
    const start = formatDateTime(line.startsAt, { dateStyle: "medium", timeStyle: "short" }, timeZone);
    const end = formatDateTime(line.endsAt, { timeStyle: "short", dateStyle: undefined }, timeZone);
    return `${start} – ${end}`;
  };
}

export function ItemsSummary({ items, currency, kind, timeZone, title, eventName, venue, footer, total: charged, tax }: Props) {
  const { t, formatMoney, formatNumber } = useI18n();
  const when = useWhen(kind, timeZone);
  const lines = summarise(items as HoldItem[]);
  const total = charged ?? fromCents(totalCents(lines));
  return (
    <section className="card co-summary" aria-labelledby="co-summary-title">
      <h2 id="co-summary-title" className="co-h2">
        {title ?? t("checkout.summary.title")}
      </h2>
      {eventName && <p className="co-summary-event">{eventName}</p>}
      {venue && <p className="muted co-summary-venue">{venue}</p>}
      <ul className="co-lines">
        {lines.map((line) => (
          <li key={line.resource} className="co-line">
            <div className="co-line-what">
              <span className="co-line-name">{line.name}</span>
              <span className="muted co-line-when">{when(line)}</span>
            </div>
            <div className="co-line-price">
              {kind !== "stays" && kind !== "rooms" && kind !== "service" && line.unitPrice !== null && (
                <span className="muted co-line-times">
                  {t("checkout.summary.times", {
                    count: formatNumber(line.units),
                    price: formatMoney(line.unitPrice, currency),
                  })}
                </span>
              )}
              <span className="co-line-subtotal">{formatMoney(fromCents(line.subtotalCents), currency)}</span>
            </div>
          </li>
        ))}
      </ul>
      <div className="co-total">
        <span>
          {t("checkout.summary.total")} <TaxNote event={tax} />
        </span>
        <strong data-testid="checkout-total">{formatMoney(total, currency)}</strong>
      </div>
      {footer && <div className="co-summary-footer">{footer}</div>}
    </section>
  );
}
