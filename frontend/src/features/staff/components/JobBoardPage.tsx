/**
 * /staff/jobs — the repair shop's day: today's appointments by status (booked, in the bay,
 * done, cancelled or no-show), live on `event:{slug}:bookings`, each with its job card's
 * essentials and the next steps: start, done, no-show, paid in cash or by card, a service
 * found during the job.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import { useTopic } from "../../../realtime/react";
import { bookingsTopic } from "../../../realtime/topics";
import type { Booking } from "../../../api/schema";
import { jobOf } from "../../../shared/lib/repair";
import { PaymentStatusBadge } from "../../../shared/repair/JobCard";
import { jobs, loadDay, loadModelServices, loadServices } from "../api/bookings";
import { BOARD_COLUMNS, boardOf, bookingsOf, dayIn, upsert } from "../lib/liveBookings";
import { useStaffEvent } from "../hooks/useStaffEvent";
import { useVenueTime } from "./parts";
import { DateInput } from "../../../components/DateInput";

interface Offered {
  id: number;
  name: string;
  price?: string;
}

/** The booking's vehicle model id, from its details. */
function modelOf(booking: Booking): number | null {
  const model = (booking.details ?? {}).vehicle_model;
  return typeof model === "number" ? model : null;
}

export default function JobBoardPage() {
  const event = useStaffEvent();
  const { t, formatNumber } = useI18n();
  const timeZone = event.venue?.time_zone;
  const dayOf = useMemo(() => dayIn(timeZone), [timeZone]);
  const [params, setParams] = useSearchParams();
  const asked = params.get("date") ?? "";
  // Today by the shop's clock, unless the address names another day.
  const today = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : dayOf(new Date().toISOString());
  const [list, setList] = useState<Booking[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [services, setServices] = useState<{ id: number; name: string }[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    loadDay(event.slug, today, controller.signal)
      .then((page) => setList(page.results))
      .catch((caught) => !controller.signal.aborted && setError(caught));
    loadServices(event.slug, controller.signal)
      .then(setServices)
      .catch(() => undefined);
    return () => controller.abort();
  }, [event.slug, today, attempt]);

  const merge = useCallback((bookings: Booking[]) => {
    setList((old) => (old ? bookings.reduce((acc, booking) => upsert(acc, booking), old) : old));
  }, []);

  useTopic(bookingsTopic(event.slug), {
    onSnapshot: ({ snapshot }) => merge(bookingsOf(snapshot)),
    onEvent: ({ kind, data }) => kind === "booking" && merge(bookingsOf(data)),
  });

  // What may be added to a job: the services offered for its vehicle model, at that model's price.
  const models = [...new Set((list ?? []).map(modelOf).filter((id): id is number => id !== null))].sort((a, b) => a - b);
  const modelsKey = models.join(",");
  const [byModel, setByModel] = useState<ReadonlyMap<number, Offered[]>>(new Map());
  useEffect(() => {
    const controller = new AbortController();
    for (const model of modelsKey ? modelsKey.split(",").map(Number) : []) {
      loadModelServices(event.slug, model, controller.signal)
        .then((offered) => setByModel((old) => new Map(old).set(model, offered)))
        .catch(() => undefined);
    }
    return () => controller.abort();
  }, [event.slug, modelsKey]);

  const board = list ? boardOf(list, today, dayOf) : null;
  const title = t(today === dayOf(new Date().toISOString()) ? "repair.board.title" : "repair.board.titleDay");
  return (
    <main id="main" className="page staff-page">
      <div className="staff-page-head">
        <PageTitle title={`${title} · ${event.name}`}>{title}</PageTitle>
        <p className="muted small">{t("repair.board.live")}</p>
      </div>
      <div className="field job-day">
        <label htmlFor="job-day">{t("repair.board.day")}</label>
        <DateInput
          id="job-day"
          value={today}
          onChange={(e) => {
            setList(null);
            setParams(e.target.value ? { date: e.target.value } : {}, { replace: true });
          }}
        />
      </div>
      <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} />
      {!board && !error && <Loading />}
      {board && (
        <div className="job-board" data-testid="job-board">
          {BOARD_COLUMNS.map((column) => (
            <section key={column} className="job-column" aria-labelledby={`col-${column}`} data-column={column}>
              <h2 id={`col-${column}`} className="job-column-title">
                {t(`repair.board.col.${column}` as MessageKey)}{" "}
                <span className="job-count">{formatNumber(board[column].length)}</span>
              </h2>
              {board[column].length === 0 ? (
                <p className="muted small">{t("repair.board.empty")}</p>
              ) : (
                <ul className="staff-plain-list job-list">
                  {board[column].map((booking) => (
                    <JobTicket
                      key={booking.id}
                      booking={booking}
                      timeZone={timeZone}
                      services={byModel.get(modelOf(booking) ?? -1) ?? services}
                      onChanged={merge}
                    />
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
      )}
    </main>
  );
}

function JobTicket({
  booking,
  timeZone,
  services,
  onChanged,
}: {
  booking: Booking;
  timeZone?: string;
  services: Offered[];
  onChanged(bookings: Booking[]): void;
}) {
  const { t, formatMoney } = useI18n();
  const { time } = useVenueTime(timeZone);
  const job = jobOf(booking);
  const [busy, setBusy] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState("");
  const starts = booking.items.map((item) => item.starts_at).sort()[0];
  const ends = booking.items.map((item) => item.ends_at).sort().at(-1);
  const status = booking.status as string;
  const due = job.paymentStatus === "due" || job.paymentStatus === "unpaid";

  async function run(name: string, call: () => Promise<Booking>) {
    setBusy(name);
    setError(null);
    try {
      onChanged([await call()]);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy("");
    }
  }

  return (
    <li className="card job-ticket" data-testid={`job-${booking.reference}`} data-status={status}>
      <div className="job-ticket-head">
        <strong>{starts && ends ? `${time(starts)} – ${time(ends)}` : "—"}</strong>
        <Link to={`/staff/bookings/${booking.id}`} className="staff-ref">
          {booking.reference}
        </Link>
      </div>
      <p className="job-ticket-who">
        {booking.contact.name || "—"} <span className="muted staff-ltr">{booking.contact.phone}</span>
      </p>
      {job.vehicle && <p className="staff-strong">{job.vehicle}</p>}
      {job.lines.length > 0 && (
        <p className="muted small" data-testid="job-ticket-lines">
          {job.lines.map((line) => line.name).join(" · ")}
        </p>
      )}
      <p className="small">
        {job.location === "home" ? [t("repair.where.home"), job.address, job.city].filter(Boolean).join(", ") : t("repair.where.shop")}
      </p>
      {job.notes && <p className="small job-notes">{job.notes}</p>}
      <div className="job-ticket-money">
        <span>{formatMoney(booking.amount, booking.currency)}</span>
        {job.paymentStatus && <PaymentStatusBadge status={job.paymentStatus} />}
      </div>
      <div className="staff-actions" role="group" aria-label={t("staff.bookings.actionsFor", { reference: booking.reference })}>
        {status === "confirmed" && (
          <>
            <button type="button" className="btn btn-small" disabled={!!busy} data-action="start" onClick={() => run("start", () => jobs.status(booking.id, "in_progress"))}>
              {busy === "start" ? t("staff.busy") : t("repair.board.start")}
            </button>
            <button type="button" className="btn btn-small btn-secondary" disabled={!!busy} data-action="no-show" onClick={() => run("noshow", () => jobs.noShow(booking.id))}>
              {t("repair.board.noShow")}
            </button>
          </>
        )}
        {status === "in_progress" && (
          <button type="button" className="btn btn-small" disabled={!!busy} data-action="complete" onClick={() => run("done", () => jobs.status(booking.id, "completed"))}>
            {busy === "done" ? t("staff.busy") : t("repair.board.complete")}
          </button>
        )}
        {due && ["confirmed", "in_progress", "completed"].includes(status) && (
          <>
            <button type="button" className="btn btn-small btn-secondary" disabled={!!busy} data-action="paid-cash" onClick={() => run("cash", () => jobs.markPaid(booking.id, "cash"))}>
              {t("repair.board.paidCash")}
            </button>
            <button type="button" className="btn btn-small btn-secondary" disabled={!!busy} data-action="paid-card" onClick={() => run("card", () => jobs.markPaid(booking.id, "card"))}>
              {t("repair.board.paidCard")}
            </button>
          </>
        )}
      </div>
      {(status === "in_progress" || status === "confirmed") && services.length > 0 && (
        <form
          className="job-add"
          onSubmit={(e) => {
            e.preventDefault();
            if (adding) void run("add", () => jobs.addService(booking.id, Number(adding))).then(() => setAdding(""));
          }}
        >
          <label className="visually-hidden" htmlFor={`add-${booking.id}`}>
            {t("repair.board.addService")}
          </label>
          <select id={`add-${booking.id}`} value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">{t("repair.board.addService")}</option>
            {services.map((service) => (
              <option key={service.id} value={service.id}>
                {service.price ? `${service.name} · ${formatMoney(service.price, booking.currency)}` : service.name}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn-small btn-secondary" disabled={!adding || !!busy}>
            {t("repair.board.add")}
          </button>
        </form>
      )}
      <ErrorNotice error={error} />
    </li>
  );
}
