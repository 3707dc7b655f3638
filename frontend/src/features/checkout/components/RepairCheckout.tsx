/**
 * The repair shop's part of checkout: the appointment chosen on the shop's page (vehicle,
 * services at this model's prices, home visit, when) beside the form, and the choice to pay
 * now or at the shop (offered when the event allows it).
 */
import { useState } from "react";
import type { ReactNode } from "react";
import { useNavigate } from "react-router";
import { useErrorText } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { Booking, HoldItem } from "../../../api/schema";
import { TaxNote } from "../../../components/TaxNote";
import { fromCents, toCents } from "../../../shared/lib/money";
import { forgetOrder } from "../../../shared/lib/repair";
import { chargedCents, taxAdded } from "../../../shared/lib/tax";
import type { TaxTerms } from "../../../shared/lib/tax";
import type { RepairOrder } from "../../../shared/lib/repair";
import { payments } from "../api";
import "../../../shared/repair/repair.css";

export function RepairOrderSummary({
  order,
  items,
  timeZone,
  booking,
  footer,
  tax,
}: {
  order: RepairOrder;
  items: readonly HoldItem[];
  timeZone: string;
  booking: Booking | null;
  footer?: ReactNode;
  /** The event's tax: with net prices each line is charged with its tax on top. */
  tax?: TaxTerms | null;
}) {
  const { t, formatMoney, formatDateTime } = useI18n();
  const starts = items.map((item) => item.starts_at).sort()[0];
  const ends = items.map((item) => item.ends_at).sort().at(-1);
  const home = order.location === "home";
  // Each line as the booking will charge it (with net prices, plus its own tax).
  const rate = taxAdded(tax);
  const lineCents = [
    ...order.services.map((service) => toCents(service.price)),
    ...(home && order.homeFee !== null ? [toCents(order.homeFee)] : []),
  ];
  const cents = chargedCents(lineCents, rate);
  const total = booking ? formatMoney(booking.amount, booking.currency) : formatMoney(fromCents(cents), order.currency);
  return (
    <section className="card co-summary" aria-labelledby="co-summary-title" data-testid="repair-order">
      <h2 id="co-summary-title" className="co-h2">
        {t("repair.checkout.order")}
      </h2>
      <dl className="repair-order-facts">
        <dt>{t("repair.fact.vehicle")}</dt>
        <dd>{order.vehicleLabel}</dd>
        <dt>{t("repair.fact.where")}</dt>
        <dd>{home ? [t("repair.where.home"), order.city].filter(Boolean).join(" · ") : t("repair.where.shop")}</dd>
        {starts && ends && (
          <>
            <dt>{t("repair.fact.when")}</dt>
            <dd>
              {formatDateTime(starts, { dateStyle: "medium", timeStyle: "short" }, timeZone)} –{" "}
              {formatDateTime(ends, { timeStyle: "short", dateStyle: undefined }, timeZone)}
            </dd>
          </>
        )}
      </dl>
      <ul className="co-lines">
        {order.services.map((service) => (
          <li key={service.id} className="co-line">
            <div className="co-line-what">
              <span className="co-line-name">{service.name}</span>
            </div>
            <div className="co-line-price">
              <span className="co-line-subtotal">{formatMoney(service.price, order.currency)}</span>
            </div>
          </li>
        ))}
        {home && order.homeFee !== null && (
          <li className="co-line">
            <div className="co-line-what">
              <span className="co-line-name">{t("repair.line.homeVisit")}</span>
            </div>
            <div className="co-line-price">
              <span className="co-line-subtotal">{formatMoney(order.homeFee, order.currency)}</span>
            </div>
          </li>
        )}
      </ul>
      <div className="co-total">
        <span>
          {t("checkout.summary.total")} <TaxNote event={tax} />
        </span>
        <strong data-testid="checkout-total">{total}</strong>
      </div>
      {footer && <div className="co-summary-footer">{footer}</div>}
    </section>
  );
}

/** Pay now (the providers' PaymentStep) or at the shop: confirmed at once, payment due. */
export function PayChoice({ booking, holdId, payNow }: { booking: Booking; holdId: string; payNow: ReactNode }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [choice, setChoice] = useState<"venue" | "now">("venue");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  async function confirmAtVenue() {
    setBusy(true);
    setError("");
    try {
      await payments.pay(booking.id, "pay_at_venue");
      forgetOrder(sessionStorage, holdId);
      navigate(`/bookings/${booking.id}`, { replace: true });
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <fieldset className="co-fieldset co-choice">
        <legend className="co-legend">{t("repair.pay.choose")}</legend>
        <label className="co-radio">
          <input type="radio" name="pay-choice" checked={choice === "venue"} onChange={() => setChoice("venue")} />
          <span>{t("repair.pay.venue")}</span>
        </label>
        <label className="co-radio">
          <input type="radio" name="pay-choice" checked={choice === "now"} onChange={() => setChoice("now")} />
          <span>{t("repair.pay.now")}</span>
        </label>
      </fieldset>
      {choice === "now" ? (
        payNow
      ) : (
        <div className="stack">
          <p className="muted">{t("repair.pay.venueNote")}</p>
          {error && (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          )}
          <button type="button" className="btn btn-block" onClick={confirmAtVenue} disabled={busy} data-testid="pay-at-venue">
            {busy ? t("repair.pay.venueBusy") : t("repair.pay.venueButton")}
          </button>
        </div>
      )}
    </div>
  );
}
