/** The guest header: brand, main links, who is signed in, language and connection state. */
import { useSyncExternalStore } from "react";
import type { ReactNode } from "react";
import { Link, NavLink, Outlet } from "react-router";
import { session } from "../shared/auth/session";
import { LanguageToggle, useI18n } from "../i18n";
import { ConnectionBadge } from "../realtime/react";

/** Who is signed in (null: nobody), re-rendering on sign-in and sign-out. */
export function useSession() {
  return useSyncExternalStore(
    (notify) => session.subscribe(notify),
    () => session.user,
  );
}

/** Whether the session has finished restoring (from the refresh cookie) after a reload. */
export function useSessionReady(): boolean {
  return useSyncExternalStore(
    (notify) => session.subscribe(notify),
    () => session.ready,
  );
}

export function SkipLink() {
  const { t } = useI18n();
  return (
    <a className="skip-link" href="#main">
      {t("app.skip")}
    </a>
  );
}

export function Brand() {
  const { t } = useI18n();
  return (
    <Link to="/" className="brand">
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <span>{t("app.name")}</span>
    </Link>
  );
}

export function SiteHeader({ extra }: { extra?: ReactNode }) {
  const { t } = useI18n();
  const user = useSession();
  return (
    <header className="site-header">
      <SkipLink />
      <Brand />
      <nav aria-label={t("nav.menu")} className="site-nav">
        <NavLink to="/" end>
          {t("nav.events")}
        </NavLink>
        <NavLink to="/stays">{t("nav.stays")}</NavLink>
        <NavLink to="/bookings">{t("nav.mine")}</NavLink>
        {user && <NavLink to="/account">{t("nav.account")}</NavLink>}
        {user?.roles?.some((role) => role === "staff" || role === "admin") && (
          <NavLink to="/staff">{t("nav.staff")}</NavLink>
        )}
      </nav>
      <div className="site-tools">
        {extra}
        <ConnectionBadge />
        <LanguageToggle />
        {user ? (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => session.signOut()}>
            {t("nav.signOut")}
          </button>
        ) : (
          <Link className="btn btn-ghost btn-small" to="/signin">
            {t("nav.signIn")}
          </Link>
        )}
      </div>
    </header>
  );
}

/** Header above, the page below: the layout route of the guest pages. */
export function GuestLayout() {
  return (
    <>
      <SiteHeader />
      <Outlet />
    </>
  );
}
