/**
 * The guest header: brand, main links, who is signed in, language and connection state.
 * On a phone it is one row: the brand, the live dot, the language, sign in or out, and a Menu
 * button that opens the links below the header (closed again by a link, Escape or a click
 * outside); from 760 px the links sit in the row and the button is gone.
 */
import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import type { ReactNode } from "react";
import { Link, NavLink, Outlet, useLocation } from "react-router";
import { session } from "../shared/auth/session";
import { LanguageToggle, useI18n } from "../i18n";
import { ConnectionBadge } from "../realtime/react";
import { Icon } from "./Icon";

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
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const header = useRef<HTMLElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const navId = useId();

  // A link taken (the page changes) closes the menu.
  useEffect(() => setOpen(false), [pathname]);
  // Escape or a click elsewhere closes it too (Escape gives the focus back to the button).
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      toggle.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!header.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <header className="site-header guest-header" ref={header} data-testid="site-header">
      <SkipLink />
      <Brand />
      <nav aria-label={t("nav.menu")} className={`site-nav${open ? " is-open" : ""}`} id={navId}>
        <NavLink to="/" end>
          {t("nav.events")}
        </NavLink>
        <NavLink to="/stays">{t("nav.stays")}</NavLink>
        <NavLink to="/bookings">{t("nav.mine")}</NavLink>
        {user && <NavLink to="/waitlist">{t("nav.waitlists")}</NavLink>}
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
        <button
          type="button"
          ref={toggle}
          className="btn btn-ghost btn-small menu-toggle"
          aria-expanded={open}
          aria-controls={navId}
          onClick={() => setOpen((was) => !was)}
        >
          <Icon name={open ? "cross" : "menu"} size={20} />
          <span className="visually-hidden">{t("nav.menu")}</span>
        </button>
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
