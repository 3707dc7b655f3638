/**
 * `/staff/content`: the event page's content, in tabs: texts (EN/AR, FAQ, links), pictures
 * and map, stages on the map, sponsors, the schedule (with delays) and contact messages.
 * The chosen event comes from the staff layout and is handed on to each tab.
 */
import { Suspense } from "react";
import { NavLink, Outlet, useOutletContext } from "react-router";
import { Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { StaffContext } from "../hooks/useStaffEvent";
import "../content.css";

export default function ContentLayout() {
  const { t } = useI18n();
  const context = useOutletContext<StaffContext>();
  const slug = encodeURIComponent(context.event.slug);
  const tabs = [
    { to: "/staff/content", label: t("content.tab.texts"), end: true },
    { to: "/staff/content/media", label: t("content.tab.media") },
    { to: "/staff/content/stages", label: t("content.tab.stages") },
    { to: "/staff/content/sponsors", label: t("content.tab.sponsors") },
    { to: "/staff/content/schedule", label: t("content.tab.schedule") },
    { to: "/staff/content/messages", label: t("content.tab.messages") },
  ];
  return (
    <main id="main" className="page content-page">
      <div className="content-head">
        <PageTitle title={t("content.title", { event: context.event.name })}>{t("content.title", { event: context.event.name })}</PageTitle>
        <a className="btn btn-secondary btn-small" href={`/events/${slug}/festival`} target="_blank" rel="noopener">
          {t("content.viewPage")}
          <span className="visually-hidden"> {t("festival.newTab")}</span>
        </a>
      </div>
      <nav className="content-tabs" aria-label={t("content.tabs")}>
        {tabs.map((tab) => (
          <NavLink key={tab.to} to={tab.to} end={tab.end}>
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Suspense fallback={<Loading />}>
        <Outlet context={context} />
      </Suspense>
    </main>
  );
}
