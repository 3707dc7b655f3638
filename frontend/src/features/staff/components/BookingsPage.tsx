/** Bookings of the event: filters in the address, a table (cards on a phone), pages, actions. */
import { Suspense, useCallback, useEffect, useId, useState } from "react";
import type { FormEvent } from "react";
import { Link, Outlet, useLocation, useSearchParams } from "react-router";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { BookingActions } from "./BookingActions";
import { loadBookings } from "../api/bookings";
import { StatusBadge, useVenueTime } from "./parts";
import { useStaffEvent } from "../hooks/useStaffEvent";
import { filtersFromParams, filtersToParams } from "../lib/filters";
import type { BookingFilters } from "../lib/filters";
import { STATUS_LABELS } from "../lib/labels";
import { BOOKING_STATUSES } from "../../../api/schema";
import type { Booking, BookingPage, EventSummary } from "../../../api/schema";
import { useMediaQuery, WIDE } from "../hooks/useMediaQuery";
import { useTopic } from "../../../realtime/react";
import { jobOf } from "../../../shared/lib/repair";
import { PaymentStatusBadge } from "../../../shared/repair/JobCard";
import { bookingsTopic } from "../../../realtime/topics";
import { applyBooking, applySnapshot, bookingsOf, dayIn } from "../lib/liveBookings";
import { DateInput } from "../../../components/DateInput";

export interface BookingsOutlet {
  event: EventSummary;
  /** The drawer changed a booking: show it in the list too. */
  onChanged: (booking: Booking, message: string) => void;
}

function Filters({ filters, onChange }: { filters: BookingFilters; onChange: (next: BookingFilters) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [search, setSearch] = useState(filters.search);
  useEffect(() => setSearch(filters.search), [filters.search]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...filters, search, page: 1 });
  };
  return (
    <form role="search" className="card staff-filters" onSubmit={submit} aria-label={t("staff.bookings.filters")}>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t("staff.bookings.status")}</label>
        <select
          id={`${id}-status`}
          value={filters.status}
          onChange={(event) => onChange({ ...filters, status: event.target.value as BookingFilters["status"], page: 1 })}
        >
          <option value="">{t("staff.bookings.anyStatus")}</option>
          {BOOKING_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(STATUS_LABELS[status])}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t("staff.bookings.date")}</label>
        <DateInput
          id={`${id}-date`}
          value={filters.date}
          onChange={(event) => onChange({ ...filters, date: event.target.value, page: 1 })}
        />
      </div>
      <div className="field staff-filters-search">
        <label htmlFor={`${id}-search`}>{t("staff.bookings.search")}</label>
        <div className="staff-search-row">
          <input
            id={`${id}-search`}
            type="search"
            value={search}
            maxLength={100}
            aria-describedby={`${id}-search-hint`}
            onChange={(event) => setSearch(event.target.value)}
          />
          <button type="submit" className="btn">
            {t("staff.bookings.find")}
          </button>
        </div>
        <span className="hint" id={`${id}-search-hint`}>
          {t("staff.bookings.searchHint")}
        </span>
      </div>
    </form>
  );
}

/** "2 × GA, VIP": places per resource, in the order booked (an appointment's consecutive
 * bay-slots are one resource, counted once). */
function whatWasBooked(items: Booking["items"]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.resource_name, (counts.get(item.resource_name) ?? 0) + item.quantity);
  return [...counts].map(([name, count]) => (count > 1 ? `${count} × ${name}` : name)).join(", ");
}

function useBookingView(event: EventSummary) {
  const { formatMoney } = useI18n();
  const { dateTime } = useVenueTime(event.venue?.time_zone);
  return {
    when: (booking: Booking) => (booking.items[0] ? dateTime(booking.items[0].starts_at) : "—"),
    what: (booking: Booking) => whatWasBooked(booking.items),
    money: (booking: Booking) => formatMoney(booking.amount, booking.currency),
  };
}

function DetailLink({ booking, search }: { booking: Booking; search: string }) {
  const { t } = useI18n();
  return (
    <Link
      to={{ pathname: `/staff/bookings/${booking.id}`, search }}
      className="staff-ref"
      aria-label={t("staff.bookings.open", { reference: booking.reference })}
    >
      {booking.reference}
    </Link>
  );
}

function BookingTable({
  page,
  event,
  search,
  onChanged,
}: {
  page: BookingPage;
  event: EventSummary;
  search: string;
  onChanged: BookingsOutlet["onChanged"];
}) {
  const { t } = useI18n();
  const view = useBookingView(event);
  return (
    <div className="card staff-table-wrap">
      <table className="staff-table" data-testid="bookings-table">
        <caption className="visually-hidden">{t("staff.bookings.caption", { event: event.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("staff.bookings.reference")}</th>
            <th scope="col">{t("staff.bookings.guest")}</th>
            <th scope="col">{t("staff.bookings.when")}</th>
            <th scope="col" className="staff-num">
              {t("staff.bookings.amount")}
            </th>
            <th scope="col">{t("staff.bookings.status")}</th>
            <th scope="col">{t("staff.bookings.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {page.results.map((booking) => (
            <tr key={booking.id} data-testid={`booking-${booking.reference}`}>
              <th scope="row">
                <DetailLink booking={booking} search={search} />
              </th>
              <td>
                <span className="staff-strong">{booking.contact.name || "—"}</span>
                <br />
                <span className="muted staff-ltr">{booking.contact.phone}</span>
              </td>
              <td>
                {view.when(booking)}
                <br />
                <span className="muted">{view.what(booking)}</span>
              </td>
              <td className="staff-num">{view.money(booking)}</td>
              <td>
                <StatusBadge status={booking.status} />
                {event.kind === "service" && jobOf(booking).paymentStatus && (
                  <>
                    <br />
                    <PaymentStatusBadge status={jobOf(booking).paymentStatus} />
                  </>
                )}
              </td>
              <td>
                <BookingActions booking={booking} kind={event.kind} onChanged={onChanged} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BookingCards({
  page,
  event,
  search,
  onChanged,
}: {
  page: BookingPage;
  event: EventSummary;
  search: string;
  onChanged: BookingsOutlet["onChanged"];
}) {
  const view = useBookingView(event);
  return (
    <ul className="staff-cards staff-plain-list" data-testid="bookings-cards">
      {page.results.map((booking) => (
        <li key={booking.id} className="card staff-booking-card" data-testid={`booking-${booking.reference}`}>
          <div className="staff-booking-card-head">
            <DetailLink booking={booking} search={search} />
            <StatusBadge status={booking.status} />
          </div>
          {event.kind === "service" && jobOf(booking).paymentStatus && (
            <PaymentStatusBadge status={jobOf(booking).paymentStatus} />
          )}
          <p className="staff-booking-card-who">
            <span className="staff-strong">{booking.contact.name || "—"}</span>{" "}
            <span className="muted staff-ltr">{booking.contact.phone}</span>
          </p>
          <p className="muted">
            {view.when(booking)} · {view.what(booking)}
          </p>
          <p className="staff-strong">{view.money(booking)}</p>
          <BookingActions booking={booking} kind={event.kind} onChanged={onChanged} />
        </li>
      ))}
    </ul>
  );
}

function Pager({ page, onPage }: { page: BookingPage; onPage: (n: number) => void }) {
  const { t, formatNumber } = useI18n();
  if (page.pages <= 1) return null;
  return (
    <nav className="staff-pager" aria-label={t("staff.bookings.pages")}>
      <button type="button" className="btn btn-secondary btn-small" disabled={page.page <= 1} onClick={() => onPage(page.page - 1)}>
        <span aria-hidden="true" className="staff-flip">
          ←
        </span>{" "}
        {t("staff.bookings.previous")}
      </button>
      <span aria-current="page">
        {t("staff.bookings.pageOf", { page: formatNumber(page.page), pages: formatNumber(page.pages) })}
      </span>
      <button
        type="button"
        className="btn btn-secondary btn-small"
        disabled={page.page >= page.pages}
        onClick={() => onPage(page.page + 1)}
      >
        {t("staff.bookings.next")}{" "}
        <span aria-hidden="true" className="staff-flip">
          →
        </span>
      </button>
    </nav>
  );
}

export default function BookingsPage() {
  const event = useStaffEvent();
  const { t, formatNumber } = useI18n();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const key = filtersToParams(filters).toString();
  const [page, setPage] = useState<BookingPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [reload, setReload] = useState(0);
  const [notice, setNotice] = useState("");
  const wide = useMediaQuery(WIDE);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    loadBookings(event.slug, filtersFromParams(new URLSearchParams(key)), controller.signal)
      .then((body) => {
        setPage(body);
        setLoading(false);
      })
      .catch((caught) => {
        if (controller.signal.aborted) return;
        setError(caught);
        setLoading(false);
      });
    return () => controller.abort();
  }, [event.slug, key, reload]);

  const change = (next: BookingFilters) => {
    setNotice("");
    setParams(filtersToParams(next));
  };

  // Live: every change of status or payment arrives on the event's bookings topic.
  const timeZone = event.venue?.time_zone;
  useTopic(bookingsTopic(event.slug), {
    onSnapshot: ({ snapshot }) => {
      const current = filtersFromParams(new URLSearchParams(key));
      setPage((old) => applySnapshot(old, bookingsOf(snapshot), current));
    },
    onEvent: ({ kind, data }) => {
      if (kind !== "booking") return;
      const current = filtersFromParams(new URLSearchParams(key));
      const dayOf = dayIn(timeZone);
      for (const booking of bookingsOf(data)) setPage((old) => (old ? applyBooking(old, booking, current, dayOf) : old));
    },
  });

  const onChanged = useCallback((booking: Booking, message: string) => {
    setPage((current) =>
      current ? { ...current, results: current.results.map((row) => (row.id === booking.id ? booking : row)) } : current,
    );
    setNotice(message);
  }, []);

  const outlet: BookingsOutlet = { event, onChanged };
  const filtered = Boolean(filters.status || filters.date || filters.search);
  const search = location.search;
  return (
    <main id="main" className="page staff-page">
      <div className="staff-page-head">
        <PageTitle title={`${t("staff.bookings.title")} · ${event.name}`}>{t("staff.bookings.title")}</PageTitle>
        <button type="button" className="btn btn-secondary btn-small" onClick={() => setReload((n) => n + 1)}>
          {t("staff.bookings.refresh")}
        </button>
      </div>
      <Filters filters={filters} onChange={change} />
      <div className="staff-results-line">
        <div className="row">
          <p role="status" className="muted" data-testid="bookings-count">
            {page && !loading ? t("staff.bookings.count", { count: formatNumber(page.count) }) : ""}
          </p>
          {filtered && (
            <button
              type="button"
              className="btn btn-ghost btn-small staff-clear"
              onClick={() => change({ status: "", date: "", search: "", page: 1 })}
            >
              {t("staff.bookings.clear")}
            </button>
          )}
        </div>
        <p role="status" className="staff-notice-line">
          {notice}
        </p>
      </div>
      <ErrorNotice error={error} onRetry={() => setReload((n) => n + 1)} />
      {loading && !page && <Loading />}
      {page && page.results.length === 0 && !loading && (
        <div className="card staff-empty">
          <p>{filtered ? t("staff.bookings.noneFiltered") : t("staff.bookings.none")}</p>
        </div>
      )}
      {page && page.results.length > 0 && (
        <div aria-busy={loading} className={loading ? "staff-stale" : undefined}>
          {wide ? (
            <BookingTable page={page} event={event} search={search} onChanged={onChanged} />
          ) : (
            <BookingCards page={page} event={event} search={search} onChanged={onChanged} />
          )}
          <Pager page={page} onPage={(n) => change({ ...filters, page: n })} />
        </div>
      )}
      {/* The drawer's chunk loads without blanking the list. */}
      <Suspense fallback={null}>
        <Outlet context={outlet} />
      </Suspense>
    </main>
  );
}
