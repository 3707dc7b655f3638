/**
 * The figures that fit the event's business, under the live panel: sales by ticket type and
 * by day (festival, VIP), occupancy with the day's arrivals and departures (stays),
 * utilisation per room and day (meeting rooms), the job board (repair shop); and the export
 * of bookings as CSV. Bars are CSS in tables: a screen reader reads the table, the eye the bar.
 * `refresh` changes whenever the live dashboard topic sends a frame: the figures follow.
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { api, download } from "../../../api/client";
import type { EventSummary } from "../../../api/schema";
import { ErrorNotice, Loading } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { statusLabel } from "../lib/labels";
import { StatusBadge, useVenueTime } from "./parts";
import {
  barPercent,
  exportFileName,
  exportPath,
  figuresPath,
  figuresQuery,
  isHour,
  JOB_COLUMNS,
  jobColumns,
  largest,
  nextStatus,
  soldShare,
} from "../lib/figures";
import "../figures.css";
import type { ExportFilters, Job, StaffFigures, StayGuest } from "../lib/figures";

const REFRESH_GAP_MS = 2_000; // at most one reload every two seconds, however busy

function usePercent(): (ratio: number) => string {
  const { lang } = useI18n();
  const format = new Intl.NumberFormat(lang === "ar" ? "ar-SA-u-nu-arab" : "en-GB", {
    style: "percent",
    maximumFractionDigits: 1,
  });
  return (ratio) => format.format(ratio);
}

const CALENDAR_DAY: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short", year: "numeric" };

/** A calendar day ("2026-12-02") in words, the same wherever the reader is. */
function useDay(): (day: string) => string {
  const { formatDateTime } = useI18n();
  return (day) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? formatDateTime(`${day}T12:00:00Z`, CALENDAR_DAY, "UTC") : day);
}

/** A date field with the chosen day in words under it (the browser's picker may show
 * mm/dd/yyyy). */
function DayField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  const { lang } = useI18n();
  const day = useDay();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="date"
        lang={lang}
        value={value}
        aria-describedby={value ? `${id}-words` : undefined}
        onChange={(change) => onChange(change.target.value)}
      />
      {value && (
        <span className="muted staff-small" id={`${id}-words`}>
          {day(value)}
        </span>
      )}
    </div>
  );
}

/** A horizontal bar (its length in percent), drawn for the eye only. */
function Bar({ percent, tone = "sold" }: { percent: number; tone?: "sold" | "full" | "time" }) {
  return (
    <span className="fig-bar" aria-hidden="true">
      <span className={`fig-bar-fill fig-bar-${tone}`} style={{ inlineSize: `${percent}%` }} />
    </span>
  );
}

function Figure({ name, label, value, note }: { name: string; label: string; value: string; note?: string }) {
  return (
    <div className={`card staff-stat fig-stat fig-stat-${name}`}>
      <span className="staff-stat-label">{label}</span>
      <span className="fig-stat-value" data-testid={`fig-${name}`}>
        {value}
      </span>
      {note && <span className="staff-stat-share muted">{note}</span>}
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card staff-section fig-section" data-testid={id}>
      <h2 id={id} className="staff-card-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

// Festival and VIP ---------------------------------------------------------------------------

/** Sales day by day, or hour by hour on one day (the venue's). */
function Granularity({
  hourDay,
  today,
  onChange,
}: {
  hourDay: string | null;
  today: string;
  onChange: (hourDay: string | null) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="fig-granularity">
      <div className="fig-toggle" role="group" aria-label={t("staff.fig.show")}>
        <button type="button" className="btn btn-small btn-secondary" aria-pressed={hourDay === null} onClick={() => onChange(null)}>
          {t("staff.fig.byDay")}
        </button>
        <button
          type="button"
          className="btn btn-small btn-secondary"
          aria-pressed={hourDay !== null}
          onClick={() => onChange(hourDay ?? today)}
        >
          {t("staff.fig.byHour")}
        </button>
      </div>
      {hourDay !== null && (
        <DayField id={`${id}-hour-day`} label={t("staff.fig.hourDay")} value={hourDay} onChange={(value) => onChange(value || today)} />
      )}
    </div>
  );
}

function SalesFigures({
  figures,
  hourDay,
  onHourDay,
}: {
  figures: StaffFigures;
  hourDay: string | null;
  onHourDay: (hourDay: string | null) => void;
}) {
  const { t, formatMoney, formatNumber } = useI18n();
  const percent = usePercent();
  const day = useDay();
  const { sales, currency } = figures;
  const types = figures.ticket_types ?? [];
  const timeline = figures.timeline ?? [];
  const topNet = largest(types.map((type) => Number(type.net)));
  const topDay = largest(timeline.map((point) => point.sold));
  const hours = timeline.some((point) => isHour(point.at));
  const when = (at: string) => (isHour(at) ? `${day(at.slice(0, 10))} ${at.slice(11)}` : day(at));
  return (
    <>
      <div className="staff-stats fig-stats">
        <Figure
          name="net"
          label={t("staff.fig.net")}
          value={formatMoney(sales.net, currency)}
          note={t("staff.fig.grossRefunded", {
            gross: formatMoney(sales.gross, currency),
            refunded: formatMoney(sales.refunded, currency),
          })}
        />
        <Figure name="tickets" label={t("staff.fig.tickets")} value={formatNumber(sales.tickets ?? 0)} />
        <Figure
          name="left"
          label={t("staff.fig.left")}
          value={formatNumber(sales.left ?? 0)}
          note={t("staff.fig.leftOf", { capacity: formatNumber(sales.capacity ?? 0) })}
        />
        <Figure name="bookings" label={t("staff.fig.bookings")} value={formatNumber(sales.bookings)} />
      </div>
      <Section id="fig-types" title={t("staff.fig.byType")}>
        {types.length === 0 ? (
          <p className="muted">{t("staff.fig.noTypes")}</p>
        ) : (
          <div className="fig-scroll">
            <table className="fig-table">
              <thead>
                <tr>
                  <th scope="col">{t("staff.fig.type")}</th>
                  <th scope="col">{t("staff.fig.sold")}</th>
                  <th scope="col">{t("staff.fig.revenue")}</th>
                  <th scope="col">{t("staff.fig.leftCol")}</th>
                </tr>
              </thead>
              <tbody>
                {types.map((type) => (
                  <tr key={type.key} data-testid="fig-type-row">
                    <th scope="row">{type.name}</th>
                    <td>
                      <span className="fig-cell">
                        {t("staff.fig.soldOf", {
                          sold: formatNumber(type.sold),
                          capacity: formatNumber(type.capacity),
                        })}
                        <span className="muted"> · {percent(soldShare(type))}</span>
                      </span>
                      <Bar percent={soldShare(type) * 100} />
                    </td>
                    <td>
                      <span className="fig-cell fig-money">{formatMoney(type.net, currency)}</span>
                      <Bar percent={barPercent(Number(type.net), topNet)} tone="time" />
                    </td>
                    <td className="fig-number">{formatNumber(type.left)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section id="fig-timeline" title={t(hours || hourDay ? "staff.fig.overTimeHours" : "staff.fig.overTime")}>
        <Granularity hourDay={hourDay} today={figures.today} onChange={onHourDay} />
        {timeline.length === 0 ? (
          <p className="muted">{t("staff.fig.noSales")}</p>
        ) : (
          <div className="fig-scroll">
          <table className="fig-table">
            <thead>
              <tr>
                <th scope="col">{t("staff.fig.when")}</th>
                <th scope="col">{t("staff.fig.ticketsCol")}</th>
                <th scope="col">{t("staff.fig.revenue")}</th>
              </tr>
            </thead>
            <tbody>
              {timeline.map((point) => (
                <tr key={point.at}>
                  <th scope="row">{when(point.at)}</th>
                  <td>
                    <span className="fig-cell">{formatNumber(point.sold)}</span>
                    <Bar percent={barPercent(point.sold, topDay)} />
                  </td>
                  <td className="fig-money">{formatMoney(point.net, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </Section>
    </>
  );
}

// Stays --------------------------------------------------------------------------------------

function GuestList({ guests, empty, timeZone }: { guests: StayGuest[]; empty: string; timeZone?: string }) {
  const { t, formatNumber, formatDateTime } = useI18n();
  const date = (iso: string) => formatDateTime(iso, { dateStyle: "medium", timeStyle: undefined }, timeZone);
  if (guests.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="staff-plain-list fig-guests">
      {guests.map((guest) => (
        <li key={guest.id} className="fig-guest">
          <span className="staff-strong">{guest.name || guest.phone}</span>{" "}
          <span className="muted staff-ltr">{guest.reference}</span>
          <br />
          <span>{guest.rooms.join(", ")}</span>
          {guest.guests ? <span className="muted"> · {t("staff.fig.guests", { count: formatNumber(guest.guests) })}</span> : null}
          <br />
          <span className="muted">{t("staff.fig.stay", { from: date(guest.starts_at), to: date(guest.ends_at) })}</span>
        </li>
      ))}
    </ul>
  );
}

function StaysFigures({ figures, timeZone }: { figures: StaffFigures; timeZone?: string }) {
  const { t, formatMoney, formatNumber } = useI18n();
  const percent = usePercent();
  const day = useDay();
  const nights = figures.occupancy ?? [];
  const today = figures.day ?? figures.today;
  return (
    <>
      <div className="staff-stats fig-stats">
        <Figure name="occupancy" label={t("staff.fig.average")} value={percent(figures.average_occupancy ?? 0)} />
        <Figure name="arrivals" label={t("staff.fig.arrivals", { day: day(today) })} value={formatNumber(figures.arrivals?.length ?? 0)} />
        <Figure
          name="departures"
          label={t("staff.fig.departures", { day: day(today) })}
          value={formatNumber(figures.departures?.length ?? 0)}
        />
        <Figure name="net" label={t("staff.fig.net")} value={formatMoney(figures.sales.net, figures.currency)} />
      </div>
      <Section id="fig-occupancy" title={t("staff.fig.occupancy")}>
        <table className="fig-table">
          <thead>
            <tr>
              <th scope="col">{t("staff.fig.night")}</th>
              <th scope="col">{t("staff.fig.occupancyCol")}</th>
            </tr>
          </thead>
          <tbody>
            {nights.map((night) => (
              <tr key={night.date} data-testid="fig-night">
                <th scope="row">{day(night.date)}</th>
                <td>
                  <span className="fig-cell">
                    <strong>{percent(night.occupancy)}</strong>{" "}
                    <span className="muted">
                      {night.rooms
                        ? t("staff.fig.roomsSold", { sold: formatNumber(night.sold), rooms: formatNumber(night.rooms) })
                        : t("staff.fig.noRooms")}
                    </span>
                  </span>
                  <Bar percent={night.occupancy * 100} tone={night.occupancy >= 1 ? "full" : "sold"} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <div className="fig-two">
        <Section id="fig-arrivals" title={t("staff.fig.arrivals", { day: day(today) })}>
          <GuestList guests={figures.arrivals ?? []} empty={t("staff.fig.noArrivals")} timeZone={timeZone} />
        </Section>
        <Section id="fig-departures" title={t("staff.fig.departures", { day: day(today) })}>
          <GuestList guests={figures.departures ?? []} empty={t("staff.fig.noDepartures")} timeZone={timeZone} />
        </Section>
      </div>
    </>
  );
}

// Meeting rooms ------------------------------------------------------------------------------

function RoomsFigures({ figures }: { figures: StaffFigures }) {
  const { t, formatMoney, formatNumber } = useI18n();
  const percent = usePercent();
  const day = useDay();
  const rooms = figures.rooms ?? [];
  const days = rooms[0]?.days.map((cell) => cell.date) ?? [];
  return (
    <>
      <div className="staff-stats fig-stats">
        <Figure name="utilisation" label={t("staff.fig.utilisationAll")} value={percent(figures.utilisation ?? 0)} />
        <Figure name="bookings" label={t("staff.fig.bookings")} value={formatNumber(figures.sales.bookings)} />
        <Figure name="net" label={t("staff.fig.net")} value={formatMoney(figures.sales.net, figures.currency)} />
      </div>
      <Section id="fig-rooms" title={t("staff.fig.utilisation")}>
        {rooms.length === 0 ? (
          <p className="muted">{t("staff.fig.noSpaces")}</p>
        ) : (
          <table className="fig-table">
            <thead>
              <tr>
                <th scope="col">{t("staff.fig.room")}</th>
                <th scope="col">{t("staff.fig.utilisationCol")}</th>
              </tr>
            </thead>
            <tbody>
              {rooms.map((room) => (
                <tr key={room.id} data-testid="fig-room">
                  <th scope="row">{room.name}</th>
                  <td>
                    <span className="fig-cell">
                      <strong>{percent(room.utilisation)}</strong>{" "}
                      <span className="muted">
                        {t("staff.fig.slotsOf", { booked: formatNumber(room.booked), open: formatNumber(room.open) })}
                      </span>
                    </span>
                    <Bar percent={room.utilisation * 100} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {rooms.length > 0 && (
        <Section id="fig-room-days" title={t("staff.fig.perDay")}>
          <div className="fig-scroll">
            <table className="fig-table fig-heat">
              <thead>
                <tr>
                  <th scope="col">{t("staff.fig.room")}</th>
                  {days.map((date) => (
                    <th scope="col" key={date}>
                      {day(date)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rooms.map((room) => (
                  <tr key={room.id}>
                    <th scope="row">{room.name}</th>
                    {room.days.map((cell) => (
                      <td
                        key={cell.date}
                        className="fig-heat-cell"
                        style={{ ["--heat" as string]: String(cell.utilisation) }}
                        title={t("staff.fig.slotsOf", { booked: formatNumber(cell.booked), open: formatNumber(cell.open) })}
                      >
                        {cell.open ? percent(cell.utilisation) : <span className="muted">{t("staff.fig.closedDay")}</span>}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      )}
    </>
  );
}

// The repair shop ----------------------------------------------------------------------------

function JobCard({
  job,
  currency,
  timeZone,
  onMove,
}: {
  job: Job;
  currency: string;
  timeZone?: string;
  onMove: (job: Job) => void;
}) {
  const { t, formatMoney } = useI18n();
  const { time } = useVenueTime(timeZone);
  const next = nextStatus(job.status);
  return (
    <li className="fig-job" data-testid="fig-job">
      <span className="fig-job-head">
        <time dateTime={job.starts_at} className="staff-strong">
          {time(job.starts_at)}
        </time>{" "}
        <span className="muted staff-ltr">{job.reference}</span>
      </span>
      <span>{job.name}</span>
      {job.vehicle && (
        <span className="staff-strong" data-testid="fig-job-vehicle">
          {job.vehicle}
        </span>
      )}
      {job.services.length > 0 && <span className="muted">{job.services.join(", ")}</span>}
      <span className="fig-job-foot">
        <StatusBadge status={job.status} />
        {job.location === "home" && <span className="muted">{t("staff.fig.homeVisit")}</span>}
        <span className="fig-money">{formatMoney(job.amount, currency)}</span>
      </span>
      {next && (
        <button type="button" className="btn btn-small" onClick={() => onMove(job)}>
          {t(next === "in_progress" ? "repair.board.start" : "repair.board.complete")}
        </button>
      )}
    </li>
  );
}

function JobsFigures({ figures, timeZone, reload }: { figures: StaffFigures; timeZone?: string; reload: () => void }) {
  const { t, formatDateTime } = useI18n();
  const day = useDay();
  const [said, setSaid] = useState<string | null>(null);
  const columns = jobColumns(figures.columns);
  const move = useCallback(
    (job: Job) => {
      const status = nextStatus(job.status);
      if (!status) return;
      setSaid(null);
      api(`/api/staff/bookings/${job.id}/status/`, { method: "PATCH", body: { status } })
        .then(() => {
          setSaid(t("staff.fig.moved", { reference: job.reference, status: t(statusLabel(status)) }));
          reload();
        })
        .catch(() => setSaid(t("staff.fig.moveFailed", { reference: job.reference })));
    },
    [reload, t],
  );
  const upcoming = figures.upcoming ?? [];
  return (
    <>
      <Section
        id="fig-jobs"
        title={
          (figures.day ?? figures.today) === figures.today
            ? t("staff.fig.today", { day: day(figures.today) })
            : t("staff.fig.jobsOn", { day: day(figures.day ?? figures.today) })
        }
      >
        <p className="fig-live" role="status">
          {said}
        </p>
        <div className="fig-board">
          {JOB_COLUMNS.map((column) => (
            <section key={column} className="fig-column" aria-labelledby={`fig-col-${column}`} data-testid={`fig-col-${column}`}>
              <h3 id={`fig-col-${column}`} className="fig-column-title">
                {t(`repair.board.col.${column}`)} <span className="muted">({columns[column].length})</span>
              </h3>
              {columns[column].length === 0 ? (
                <p className="muted staff-small">{t("repair.board.empty")}</p>
              ) : (
                <ul className="staff-plain-list fig-jobs">
                  {columns[column].map((job) => (
                    <JobCard key={job.id} job={job} currency={figures.currency} timeZone={timeZone} onMove={move} />
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
        <Link to="/staff/jobs" className="btn btn-secondary btn-small fig-open-board">
          {t("staff.fig.openBoard")}
        </Link>
      </Section>
      <Section id="fig-upcoming" title={t("staff.fig.upcoming")}>
        {upcoming.length === 0 ? (
          <p className="muted">{t("staff.fig.noUpcoming")}</p>
        ) : (
          <ul className="staff-plain-list fig-jobs fig-upcoming">
            {upcoming.map((job) => (
              <li key={job.id} className="fig-job" data-testid="fig-upcoming-job">
                <span className="fig-job-head">
                  <time dateTime={job.starts_at} className="staff-strong">
                    {formatDateTime(job.starts_at, { dateStyle: "medium", timeStyle: "short" }, timeZone)}
                  </time>{" "}
                  <span className="muted staff-ltr">{job.reference}</span>
                </span>
                <span>
                  {job.name}
                  {job.vehicle ? ` · ${job.vehicle}` : ""}
                </span>
                {job.services.length > 0 && <span className="muted">{job.services.join(", ")}</span>}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

// The export ---------------------------------------------------------------------------------

const EXPORT_STATUSES = ["confirmed", "pending_payment", "in_progress", "completed", "cancelled", "refunded", "no_show", "expired"];

function ExportBookings({ event, today }: { event: string; today: string }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [filters, setFilters] = useState<ExportFilters>({ date_from: "", date_to: "", status: "" });
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ text: string; error: boolean } | null>(null);
  const set = (key: keyof ExportFilters) => (value: string) => setFilters((current) => ({ ...current, [key]: value }));
  const run = () => {
    const file = exportFileName(event, today);
    setBusy(true);
    setSaid(null);
    download(exportPath(event, filters, lang), file, { type: "text/csv" })
      .then(() => setSaid({ text: t("staff.export.done", { file }), error: false }))
      .catch(() => setSaid({ text: t("staff.export.error"), error: true }))
      .finally(() => setBusy(false));
  };
  return (
    <Section id="fig-export" title={t("staff.export.title")}>
      <p className="muted staff-small">{t("staff.export.intro")}</p>
      <form
        className="fig-export"
        onSubmit={(submitted) => {
          submitted.preventDefault();
          run();
        }}
      >
        <DayField id={`${id}-from`} label={t("staff.export.from")} value={filters.date_from} onChange={set("date_from")} />
        <DayField id={`${id}-to`} label={t("staff.export.to")} value={filters.date_to} onChange={set("date_to")} />
        <div className="field">
          <label htmlFor={`${id}-status`}>{t("staff.export.status")}</label>
          <select id={`${id}-status`} value={filters.status} onChange={(change) => set("status")(change.target.value)}>
            <option value="">{t("staff.export.any")}</option>
            {EXPORT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(statusLabel(status))}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn" disabled={busy}>
          {busy ? t("staff.export.busy") : t("staff.export.button")}
        </button>
      </form>
      <p className={said?.error ? "notice notice-error fig-said" : "fig-said"} role="status">
        {said?.text}
      </p>
    </Section>
  );
}

// The panel ----------------------------------------------------------------------------------

/** Today at the venue as YYYY-MM-DD. */
function venueToday(timeZone: string | undefined): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone: timeZone || "UTC" }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

export function BusinessFigures({ event, refresh }: { event: EventSummary; refresh?: string }) {
  const { t } = useI18n();
  const id = useId();
  const timeZone = event.venue?.time_zone;
  // Stays and rooms start their range on a chosen day; the repair shop's board shows one.
  const dated = event.kind === "stays" || event.kind === "rooms" || event.kind === "service";
  const [start, setStart] = useState("");
  const [hourDay, setHourDay] = useState<string | null>(null);
  const [figures, setFigures] = useState<StaffFigures | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const last = useRef(0);
  const seen = useRef<string | undefined>(undefined);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  // A live frame reloads the figures, at most once per REFRESH_GAP_MS (the topic's first
  // snapshot arrives with the first load: only what follows it is news).
  useEffect(() => {
    if (!refresh) return;
    const first = seen.current === undefined;
    seen.current = refresh;
    if (first) return;
    const wait = Math.max(0, last.current + REFRESH_GAP_MS - Date.now());
    const timer = setTimeout(reload, wait);
    return () => clearTimeout(timer);
  }, [refresh, reload]);

  useEffect(() => {
    const controller = new AbortController();
    const asked = figuresQuery(event.kind, start, hourDay);
    last.current = Date.now();
    api<StaffFigures>(figuresPath(event.slug, asked), { signal: controller.signal })
      .then((body) => {
        setFigures(body);
        setError(null);
      })
      .catch((caught) => !controller.signal.aborted && setError(caught));
    return () => controller.abort();
  }, [event.slug, event.kind, start, hourDay, attempt]);

  let body: ReactNode = null;
  if (figures?.kind === "stays") body = <StaysFigures figures={figures} timeZone={timeZone} />;
  else if (figures?.kind === "rooms") body = <RoomsFigures figures={figures} />;
  else if (figures?.kind === "service") body = <JobsFigures figures={figures} timeZone={timeZone} reload={reload} />;
  else if (figures) body = <SalesFigures figures={figures} hourDay={hourDay} onHourDay={setHourDay} />;

  return (
    <div className="fig" data-testid="business-figures" data-kind={figures?.kind ?? ""}>
      {dated && (
        <div className="fig-start">
          <DayField
            id={`${id}-start`}
            label={t(event.kind === "service" ? "staff.fig.boardDay" : "staff.fig.starting")}
            value={start || figures?.today || venueToday(timeZone)}
            onChange={setStart}
          />
        </div>
      )}
      {error && !figures ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {!figures && !error && <Loading />}
      {body}
      <ExportBookings event={event.slug} today={figures?.today ?? venueToday(timeZone)} />
    </div>
  );
}
