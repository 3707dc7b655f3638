/**
 * A repair appointment's job card: the vehicle, the priced lines (services, home visit,
 * services added during the job), where, when, the notes and the payment status. The guest's
 * confirmation and the staff desk both show it. The fields are new in the schema: read
 * optionally from the booking (details.vehicle, lines, payment_status).
 */
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n";
import type { Booking } from "../../api/schema";
import { isolate } from "../lib/bidi";
import { jobOf } from "../lib/repair";
import "./repair.css";

export function PaymentStatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const known = ["unpaid", "due", "paid", "refunded", "partially_refunded"].includes(status);
  return (
    <span className={`pay-badge pay-${status}`} data-testid="payment-status" data-status={status}>
      {known ? t(`repair.payment.${status}` as MessageKey) : status}
    </span>
  );
}

export function JobCard({ booking, timeZone, compact = false }: { booking: Booking; timeZone?: string; compact?: boolean }) {
  const { t, lang, formatMoney, formatDateTime } = useI18n();
  const job = jobOf(booking);
  const starts = booking.items.map((item) => item.starts_at).sort()[0];
  const ends = booking.items.map((item) => item.ends_at).sort().at(-1);
  const when =
    starts && ends
      ? `${formatDateTime(starts, { dateStyle: "full", timeStyle: "short" }, timeZone)} – ${formatDateTime(ends, { timeStyle: "short", dateStyle: undefined }, timeZone)}`
      : "—";
  // The address as typed, each part isolated so that it reads in order in Arabic too.
  const where =
    job.location === "home"
      ? [
          t("repair.where.home"),
          ...[job.address, [job.city, job.postcode].filter(Boolean).join(" ")].filter(Boolean).map(isolate),
        ].join(lang === "ar" ? "، " : ", ")
      : t("repair.where.shop");
  const Title = compact ? "h3" : "h2";
  return (
    <section className={`card job-card${compact ? " job-card-compact" : ""}`} aria-label={t("repair.card.title")} data-testid="job-card">
      <Title className="co-h2">{t("repair.card.title")}</Title>
      <dl className="job-facts">
        <div>
          <dt>{t("repair.card.vehicle")}</dt>
          <dd data-testid="job-vehicle">{job.vehicle || "—"}</dd>
        </div>
        <div>
          <dt>{t("repair.card.when")}</dt>
          <dd>{when}</dd>
        </div>
        <div>
          <dt>{t("repair.card.where")}</dt>
          <dd data-testid="job-where">{where}</dd>
        </div>
        {job.notes && (
          <div>
            <dt>{t("repair.card.notes")}</dt>
            <dd className="job-notes">{job.notes}</dd>
          </div>
        )}
        <div>
          <dt>{t("repair.card.payment")}</dt>
          <dd>{job.paymentStatus ? <PaymentStatusBadge status={job.paymentStatus} /> : "—"}</dd>
        </div>
      </dl>
      {job.lines.length > 0 && (
        <>
          <h3 className="job-h3">{t("repair.card.services")}</h3>
          <ul className="job-lines" data-testid="job-lines">
            {job.lines.map((line) => (
              <li key={line.id}>
                <span>
                  {line.kind === "home_visit" ? t("repair.card.kind.home_visit") : line.name}
                  {line.kind === "added_service" && <span className="muted small"> · {t("repair.card.kind.added_service")}</span>}
                </span>
                <span className="job-amount">{formatMoney(line.amount, booking.currency)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="job-total">
        <span>{t("repair.card.total")}</span>
        <strong>{formatMoney(booking.amount, booking.currency)}</strong>
      </p>
    </section>
  );
}
