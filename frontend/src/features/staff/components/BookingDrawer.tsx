/** One booking in a drawer over the list (its own address: /staff/bookings/{id}). */
import { useEffect, useId, useState } from "react";
import { useLocation, useNavigate, useOutletContext, useParams } from "react-router";
import { ErrorNotice, Loading } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { BookingActions } from "./BookingActions";
import type { BookingsOutlet } from "./BookingsPage";
import { loadBooking } from "../api/bookings";
import { Modal, StatusBadge, useVenueTime } from "./parts";
import { detailLabel, detailValueLabel, providerLabel } from "../lib/labels";
import type { Booking } from "../../../api/schema";
import { JobCard } from "../../../shared/repair/JobCard";

/** Details that read left to right whatever the language (a "+966…" must not become "…966+"). */
const LTR_DETAILS = new Set(["phone", "email"]);

/** A `details` value as text: lists joined, guests as "name (age)". */
function detailText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.map(detailText).join(", ");
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.name === "string") return record.age !== undefined ? `${record.name} (${record.age})` : record.name;
    return JSON.stringify(value);
  }
  return String(value);
}

function BookingDetail({ booking, onChanged }: { booking: Booking; onChanged: BookingsOutlet["onChanged"] }) {
  const { t, formatMoney, formatNumber } = useI18n();
  const { event } = useOutletContext<BookingsOutlet>();
  const { dateTime } = useVenueTime(event.venue?.time_zone);
  // A repair job's vehicle and services are on its job card, in words.
  const onJobCard = new Set(event.kind === "service" ? ["vehicle", "vehicle_model", "services"] : []);
  const details = Object.entries(booking.details ?? {}).filter(([key]) => !onJobCard.has(key));
  const providerText = (provider: string) => {
    if (!provider) return t("staff.drawer.notPaid");
    const key = providerLabel(provider);
    return key ? t(key) : provider;
  };
  return (
    <div className="stack">
      <div className="row">
        <StatusBadge status={booking.status} />
        <span className="muted">{t("staff.drawer.created", { time: dateTime(booking.created_at) })}</span>
      </div>
      <section aria-labelledby="drawer-contact">
        <h3 id="drawer-contact" className="staff-drawer-h">
          {t("staff.drawer.contact")}
        </h3>
        <dl className="staff-dl">
          <dt>{t("staff.drawer.name")}</dt>
          <dd>{booking.contact.name || "—"}</dd>
          <dt>{t("staff.drawer.phone")}</dt>
          <dd>
            {booking.contact.phone ? (
              <a href={`tel:${booking.contact.phone}`} className="staff-ltr">
                {booking.contact.phone}
              </a>
            ) : (
              "—"
            )}
          </dd>
          <dt>{t("staff.drawer.email")}</dt>
          <dd>{booking.contact.email ? <a href={`mailto:${booking.contact.email}`}>{booking.contact.email}</a> : "—"}</dd>
        </dl>
      </section>
      <section aria-labelledby="drawer-items">
        <h3 id="drawer-items" className="staff-drawer-h">
          {t("staff.drawer.items")}
        </h3>
        <ul className="staff-plain-list stack">
          {booking.items.map((item) => (
            <li key={item.slot} className="staff-item">
              <span className="staff-strong">
                {item.quantity > 1 ? `${formatNumber(item.quantity)} × ` : ""}
                {item.resource_name}
              </span>
              <span className="muted">{dateTime(item.starts_at)}</span>
              {/* Priced lines make a service appointment's amount: its bay-slots cost nothing. */}
              {booking.lines.length === 0 && <span>{formatMoney(item.total, booking.currency)}</span>}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="drawer-money">
        <h3 id="drawer-money" className="staff-drawer-h">
          {t("staff.drawer.payment")}
        </h3>
        <dl className="staff-dl">
          <dt>{t("staff.bookings.amount")}</dt>
          <dd>{formatMoney(booking.amount, booking.currency)}</dd>
          <dt>{t("staff.drawer.provider")}</dt>
          <dd>{providerText(booking.provider)}</dd>
          {Number(booking.refunded_amount) > 0 && (
            <>
              <dt>{t("staff.drawer.refunded")}</dt>
              <dd>{formatMoney(booking.refunded_amount, booking.currency)}</dd>
            </>
          )}
          {booking.confirmed_at && (
            <>
              <dt>{t("staff.drawer.confirmed")}</dt>
              <dd>{dateTime(booking.confirmed_at)}</dd>
            </>
          )}
        </dl>
      </section>
      {event.kind === "service" && <JobCard booking={booking} timeZone={event.venue?.time_zone} compact />}
      {details.length > 0 && (
        <section aria-labelledby="drawer-details">
          <h3 id="drawer-details" className="staff-drawer-h">
            {t("staff.drawer.details")}
          </h3>
          <dl className="staff-dl">
            {details.map(([key, value]) => {
              const label = detailLabel(key);
              const valueLabel = detailValueLabel(key, value);
              return (
                <div key={key} className="staff-dl-row">
                  <dt>{label ? t(label) : key}</dt>
                  <dd>
                    {LTR_DETAILS.has(key) ? (
                      <span className="staff-ltr">{detailText(value)}</span>
                    ) : valueLabel ? (
                      t(valueLabel)
                    ) : (
                      detailText(value)
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      )}
      {booking.note && (
        <section aria-labelledby="drawer-note">
          <h3 id="drawer-note" className="staff-drawer-h">
            {t("staff.drawer.note")}
          </h3>
          <p>{booking.note}</p>
        </section>
      )}
      <BookingActions booking={booking} kind={event.kind} onChanged={onChanged} size="normal" />
    </div>
  );
}

export default function BookingDrawer() {
  const { bookingId = "" } = useParams();
  const { onChanged } = useOutletContext<BookingsOutlet>();
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const titleId = useId();
  const [booking, setBooking] = useState<Booking | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState("");

  useEffect(() => {
    const controller = new AbortController();
    setBooking(null);
    setError(null);
    loadBooking(bookingId, controller.signal)
      .then(setBooking)
      .catch((caught) => controller.signal.aborted || setError(caught));
    return () => controller.abort();
  }, [bookingId]);

  const close = () => navigate({ pathname: "/staff/bookings", search: location.search });
  const changed = (updated: Booking, message: string) => {
    setBooking(updated);
    setNotice(message);
    onChanged(updated, message);
  };

  return (
    <Modal open onClose={close} labelledBy={titleId} variant="drawer">
      <div className="staff-drawer-head">
        <h2 id={titleId} className="staff-modal-title">
          {booking ? t("staff.drawer.title", { reference: booking.reference }) : t("staff.drawer.loading")}
        </h2>
        <button type="button" className="btn btn-ghost btn-small" onClick={close} autoFocus>
          {t("common.close")}
        </button>
      </div>
      <p role="status" className="staff-notice-line">
        {notice}
      </p>
      <ErrorNotice error={error} />
      {!booking && !error && <Loading />}
      {booking && <BookingDetail booking={booking} onChanged={changed} />}
    </Modal>
  );
}
