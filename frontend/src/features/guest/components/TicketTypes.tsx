/** General-admission ticket types: price, how many are left (live), and how many to take. */
import { useI18n } from "../../../i18n";
import type { Resource } from "../../../api/schema";
import { QuantityStepper } from "./QuantityStepper";

export interface TicketTypeRow {
  resource: Resource;
  slot: number | null;
  price: string;
  available: number;
  capacity: number;
  quantity: number;
  /** The most this row may go up to (what is left, and the per-hold limit). */
  max: number;
}

export function TicketTypes({
  rows,
  currency,
  onQuantity,
}: {
  rows: TicketTypeRow[];
  currency: string;
  onQuantity(slot: number, quantity: number): void;
}) {
  const { t, formatMoney, formatNumber } = useI18n();
  return (
    <section className="ticket-types" aria-labelledby="tickets-title">
      <div className="section-head">
        <h2 id="tickets-title">{t("guest.tickets.title")}</h2>
      </div>
      <ul className="ticket-list" role="list">
        {rows.map((row) => {
          const soldOut = row.slot === null || row.available <= 0;
          const low = !soldOut && row.available <= Math.max(10, row.capacity * 0.05);
          return (
            <li
              key={row.resource.id}
              className={`ticket-row${row.quantity > 0 ? " is-selected" : ""}${soldOut ? " is-sold-out" : ""}`}
              data-testid={`ticket-${row.resource.id}`}
            >
              <div className="ticket-info">
                <span className="ticket-name">{row.resource.name}</span>
                {row.resource.description && <span className="muted small">{row.resource.description}</span>}
                <span className="ticket-price">{formatMoney(row.price, currency)}</span>
              </div>
              <div className="ticket-side">
                <span
                  className={`remaining${low ? " remaining-low" : ""}${soldOut ? " remaining-none" : ""}`}
                  data-testid="remaining"
                >
                  {soldOut ? t("guest.tickets.soldOut") : t("guest.tickets.left", { count: formatNumber(row.available) })}
                </span>
                {row.slot !== null && (
                  <QuantityStepper
                    id={`qty-${row.resource.id}`}
                    label={row.resource.name}
                    value={row.quantity}
                    max={row.max}
                    onChange={(quantity) => onQuantity(row.slot!, quantity)}
                  />
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
