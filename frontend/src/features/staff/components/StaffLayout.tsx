/**
 * The staff desk: its own header, sign-in for people who are not signed in, a clear refusal
 * for guests without the staff role, the event picker (remembered) and the tabs.
 */
import { Fragment, Suspense, useCallback, useEffect, useId, useState } from "react";
import { Link, NavLink, Outlet } from "react-router";
import { api } from "../../../api/client";
import { session } from "../../../shared/auth/session";
import { Brand, SkipLink, useSession, useSessionReady } from "../../../components/SiteHeader";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { LanguageToggle, useI18n } from "../../../i18n";
import { ConnectionBadge } from "../../../realtime/react";
import type { StaffContext } from "../hooks/useStaffEvent";
import { eventChoice, useEventChoice } from "../hooks/eventChoice";
import { SignInPanel } from "./SignInPanel";
import type { EventSummary } from "../../../api/schema";
import "../staff.css";

function LoadingPage() {
  return (
    <main id="main" className="page">
      <Loading />
    </main>
  );
}

/** `live`: the page below watches topics, so the connection state means something. */
function StaffHeader({ live }: { live: boolean }) {
  const { t } = useI18n();
  const user = useSession();
  return (
    <header className="site-header staff-header">
      <SkipLink />
      <Brand />
      <span className="staff-tag">{t("staff.tag")}</span>
      <div className="site-tools">
        {live && <ConnectionBadge />}
        <LanguageToggle />
        {user && (
          <>
            <span className="staff-user" title={user.email ?? user.phone ?? ""}>
              {user.name || user.email || user.phone}
            </span>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => void session.signOut()}>
              {t("nav.signOut")}
            </button>
          </>
        )}
      </div>
    </header>
  );
}

function NotStaff() {
  const { t } = useI18n();
  const user = useSession();
  return (
    <main id="main" className="page narrow">
      <PageTitle title={t("staff.notStaff.title")}>{t("staff.notStaff.title")}</PageTitle>
      <div className="notice notice-warn" role="alert">
        {t("staff.notStaff.body", { who: user?.name || user?.phone || user?.email || "" })}
      </div>
      <div className="row staff-gap">
        <button type="button" className="btn" onClick={() => void session.signOut()}>
          {t("staff.notStaff.signOut")}
        </button>
        <Link className="btn btn-secondary" to="/">
          {t("common.home")}
        </Link>
      </div>
    </main>
  );
}

function useEvents() {
  const [events, setEvents] = useState<EventSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    api<{ events: EventSummary[] }>("/api/events/")
      .then((body) => setEvents(body.events))
      .catch(setError);
  }, []);
  useEffect(load, [load]);
  return { events, error, retry: load };
}

function EventChooser({ events }: { events: EventSummary[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <main id="main" className="page">
      <PageTitle title={t("staff.choose.title")}>{t("staff.choose.title")}</PageTitle>
      <p className="muted">{t("staff.choose.intro")}</p>
      <ul className="grid staff-plain-list">
        {events.map((event) => (
          <li key={event.slug} className="card stack staff-event-card">
            <h2 className="staff-card-title">{event.name}</h2>
            <p className="muted">
              {event.venue?.name}
              {event.venue?.city ? ` · ${event.venue.city}` : ""}
              <br />
              {formatDateTime(event.starts_at, { dateStyle: "medium", timeStyle: undefined }, event.venue?.time_zone)}
            </p>
            <button type="button" className="btn" onClick={() => eventChoice.set(event.slug)}>
              {t("staff.choose.open", { event: event.name })}
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}

function StaffBar({ events, current }: { events: EventSummary[]; current: EventSummary }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="staff-bar">
      <div className="staff-bar-inner">
        <div className="staff-event-picker">
          <label htmlFor={id}>{t("staff.event")}</label>
          <select id={id} value={current.slug} onChange={(event) => eventChoice.set(event.target.value)}>
            {events.map((event) => (
              <option key={event.slug} value={event.slug}>
                {event.name}
              </option>
            ))}
          </select>
        </div>
        <nav aria-label={t("staff.nav.label")} className="staff-tabs">
          <NavLink to="/staff" end>
            {t("staff.nav.dashboard")}
          </NavLink>
          <NavLink to="/staff/bookings">{t("staff.nav.bookings")}</NavLink>
          {current.kind === "service" && <NavLink to="/staff/jobs">{t("repair.board.title")}</NavLink>}
          <NavLink to="/staff/devices">{t("staff.nav.devices")}</NavLink>
          <NavLink to="/staff/api-keys">{t("staff.nav.apiKeys")}</NavLink>
          {current.kind === "festival" && <NavLink to="/staff/vendors">{t("vendor.staff.nav.vendors")}</NavLink>}
          {current.kind === "festival" && <NavLink to="/staff/booths">{t("vendor.staff.nav.booths")}</NavLink>}
          {current.kind === "festival" && <NavLink to="/staff/content">{t("content.nav")}</NavLink>}
        </nav>
      </div>
    </div>
  );
}

function StaffDesk() {
  const { events, error, retry } = useEvents();
  const chosen = useEventChoice();
  if (error) {
    return (
      <main id="main" className="page">
        <ErrorNotice error={error} onRetry={retry} />
      </main>
    );
  }
  if (!events) return <LoadingPage />;
  const current = events.find((event) => event.slug === chosen);
  if (!current) return <EventChooser events={events} />;
  const context: StaffContext = { event: current };
  return (
    <>
      <StaffBar events={events} current={current} />
      {/* A new event starts every page afresh. */}
      <Fragment key={current.slug}>
        {/* Pages load as their own chunks; the header and tabs stay while one does. */}
        <Suspense fallback={<LoadingPage />}>
          <Outlet context={context} />
        </Suspense>
      </Fragment>
    </>
  );
}

export default function StaffLayout() {
  const ready = useSessionReady();
  const user = useSession();
  const staff = ready && user !== null && session.hasRole("staff");
  let body;
  if (!ready) body = <LoadingPage />;
  else if (!user) body = <SignInPanel />;
  else if (!staff) body = <NotStaff />;
  else body = <StaffDesk />;
  return (
    <div className="staff">
      <StaffHeader live={staff} />
      {body}
    </div>
  );
}
