/** The frame of every VIP page: a quiet header with the language switch, the page, a footer. */
import { Suspense, useEffect } from "react";
import { Outlet, useLocation } from "react-router";
import { SkipLink } from "../../../components/SiteHeader";
import { Loading } from "../../../components/ui";
import { LanguageToggle, useI18n } from "../../../i18n";
import { ConnectionBadge } from "../../../realtime/react";
import { Ornament } from "./parts";
import "../vip.css";

export default function VipLayout() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const live = pathname.startsWith("/book");
  useEffect(() => {
    // Fetch the flow's other pages while the guest reads this one, so no step waits on a chunk.
    const soon = setTimeout(() => {
      void import("./VerifyPage");
      void import("./OtpPage");
      void import("./BookPage");
      void import("./ConfirmedPage");
      void import("./SorryPage");
    }, 300);
    return () => clearTimeout(soon);
  }, []);
  return (
    <div className="vip">
      <header className="vip-header">
        <SkipLink />
        <span className="vip-mark">
          <Ornament size={26} />
          <span>{t("vip.brand")}</span>
        </span>
        <div className="vip-tools">
          {live && <ConnectionBadge />}
          <LanguageToggle />
        </div>
      </header>
      {/* The header stays while a page's chunk arrives. */}
      <Suspense
        fallback={
          <main id="main" className="page vip-page">
            <Loading />
          </main>
        }
      >
        <Outlet />
      </Suspense>
      <footer className="vip-footer">
        <span aria-hidden="true">✦</span> {t("vip.footer")} <span aria-hidden="true">✦</span>
      </footer>
    </div>
  );
}
