/** /vendor — the festivals that take vendors, each opening its portal. */
import { Link } from "react-router";
import { api } from "../../../api/client";
import type { EventList } from "../../../api/schema";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { useLoad } from "../../../shared/hooks/useLoad";
import "../../../shared/styles/checkout.css";
import "../vendor.css";

export default function VendorHome() {
  const { t, formatDateTime } = useI18n();
  const { data: events, error, loading, reload } = useLoad(
    (signal) =>
      api<EventList>("/api/events/", { auth: "none", signal }).then((body) =>
        body.events.filter((event) => event.kind === "festival"),
      ),
    "festivals",
  );
  return (
    <main id="main" className="page vd-page">
      <PageTitle title={t("vendor.home.title")}>{t("vendor.home.title")}</PageTitle>
      <p className="muted">{t("vendor.home.intro")}</p>
      <ErrorNotice error={error} onRetry={reload} />
      {loading && <Loading />}
      {events?.length === 0 && <p className="notice notice-warn">{t("vendor.home.none")}</p>}
      <ul className="grid vd-plain-list">
        {events?.map((event) => (
          <li key={event.slug} className="card stack">
            <h2 className="co-h2">{event.name}</h2>
            <p className="muted">
              {[event.venue?.name, event.venue?.city].filter(Boolean).join(" · ")}
              <br />
              {formatDateTime(event.starts_at, { dateStyle: "medium", timeStyle: undefined }, event.venue?.time_zone)}
            </p>
            <Link className="btn" to={`/vendor/${encodeURIComponent(event.slug)}`}>
              {t("vendor.home.open", { event: event.name })}
            </Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
