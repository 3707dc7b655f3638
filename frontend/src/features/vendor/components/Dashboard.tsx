/**
 * An approved vendor's dashboard: the booth (on the festival map), its fee and paying it,
 * the setup window, the setup code for the crew (full screen at the gate), crew passes used,
 * recent scans of the code, and the profile. No topic carries it: it asks again every 30 s
 * while visible and when the tab comes back; after paying, every 2 s until the fee shows paid.
 */
import { useCallback, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { EventDetail } from "../../../api/schema";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import { ltr } from "../../../shared/lib/bidi";
import { vendorApi } from "../api";
import type { Dashboard as DashboardData, EventMap, Profile, SetupCode } from "../api";
import { useFreshness } from "../hooks/useFreshness";
import { crewLine, feeState, REFRESH_MS, scanTone, setupPhase } from "../lib/portal";
import { BoothCard } from "./BoothCard";
import { FeeCard } from "./FeeCard";
import { VendorStatusBadge } from "./parts";
import { ProfileCard } from "./ProfileCard";
import { SetupCodeCard } from "./SetupCodeCard";

const PAYING_POLL_MS = 2000;
const PAYING_FOR_MS = 120_000;

function useDashboard(slug: string) {
  const [data, setData] = useState<DashboardData | null>(null);
  const [code, setCode] = useState<SetupCode | null>(null);
  const [codeError, setCodeError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const [map, setMap] = useState<EventMap | null>(null);

  const load = useCallback(async () => {
    const [dashboard, setup] = await Promise.allSettled([vendorApi.dashboard(slug), vendorApi.setupCode(slug)]);
    if (dashboard.status === "fulfilled") {
      setData(dashboard.value);
      setError(null);
      setUpdatedAt(Date.now());
    } else setError(dashboard.reason);
    if (setup.status === "fulfilled") {
      setCode(setup.value);
      setCodeError(null);
    } else setCodeError(setup.reason);
    return dashboard.status === "fulfilled" ? dashboard.value : null;
  }, [slug]);

  useEffect(() => {
    void load();
    vendorApi.map(slug).then(setMap);
  }, [slug, load]);

  return { data, code, codeError, error, updatedAt, map, load };
}

export function Dashboard({
  event,
  profile,
  onProfile,
}: {
  event: EventDetail;
  profile: Profile;
  onProfile: (profile: Profile) => void;
}) {
  const { t, formatDateTime, formatNumber, formatMoney } = useI18n();
  const { data, code, codeError, error, updatedAt, map, load } = useDashboard(event.slug);
  const [params, setParams] = useSearchParams();
  const zone = event.venue?.time_zone;
  const time = (iso: string) => formatDateTime(iso, undefined, zone);

  // A revocation while the page is open: the portal shows the reason instead.
  const vendor = data?.vendor;
  useEffect(() => {
    if (vendor && vendor.status !== profile.status) onProfile(vendor);
  }, [vendor, profile.status, onProfile]);

  // Back from the payment page: ask often until the fee shows paid (or two minutes pass).
  const paying = params.get("fee") === "paying" || params.has("redirect_status");
  const fee = feeState(data?.fee);
  useEffect(() => {
    if (!paying) return;
    const started = Date.now();
    const timer = setInterval(async () => {
      const fresh = await load();
      const state = feeState(fresh?.fee);
      if (state !== "due" || Date.now() - started > PAYING_FOR_MS) {
        clearInterval(timer);
        setParams(
          (old) => {
            const next = new URLSearchParams(old);
            next.delete("fee");
            return next;
          },
          { replace: true },
        );
      }
    }, PAYING_POLL_MS);
    return () => clearInterval(timer);
  }, [paying, load, setParams]);

  useFreshness(() => void load(), REFRESH_MS);

  const title = profile.name;
  if (!data) {
    return (
      <main id="main" className="page vd-page">
        <PageTitle title={`${title} · ${event.name}`}>{title}</PageTitle>
        {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : <Loading />}
      </main>
    );
  }

  const phase = setupPhase(data.setup, Date.now());
  const crew = crewLine(data.passes);
  const declined = params.get("redirect_status") === "failed";
  return (
    <main id="main" className="page vd-page vd-dashboard" data-testid="vendor-dashboard">
      <div className="vd-head">
        <PageTitle title={`${title} · ${event.name}`}>
          <bdi>{title}</bdi>
          <span className="co-subtitle">{t("vendor.dashboard.subtitle", { event: event.name })}</span>
        </PageTitle>
        <div className="vd-head-side">
          <VendorStatusBadge status={profile.status} />
          <p className="muted co-small" role="status">
            {updatedAt
              ? t("vendor.dashboard.updated", {
                  time: formatDateTime(new Date(updatedAt).toISOString(), { dateStyle: undefined, timeStyle: "short" }),
                })
              : ""}
          </p>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => void load()}>
            {t("vendor.dashboard.refresh")}
          </button>
        </div>
      </div>
      <ErrorNotice error={error} onRetry={() => void load()} />

      <ul className="vd-summary" aria-label={t("vendor.dashboard.summary")}>
        <li className={`vd-tile ${data.booth ? "vd-tile-ok" : "vd-tile-warn"}`} data-testid="summary-booth">
          <span className="vd-tile-label">{t("vendor.booth.title")}</span>
          <strong className="vd-tile-value">{data.booth ? ltr(data.booth.code) : t("vendor.booth.none")}</strong>
          {data.booth && <span className="vd-tile-note">{data.booth.zone}</span>}
        </li>
        <li className={`vd-tile ${fee === "due" ? "vd-tile-warn" : fee === "cancelled" ? "vd-tile-bad" : "vd-tile-ok"}`}>
          <span className="vd-tile-label">{t("vendor.fee.title")}</span>
          <strong className="vd-tile-value">{t(`vendor.fee.state.${fee}` as MessageKey)}</strong>
          {data.fee && fee !== "free" && (
            <span className="vd-tile-note">{formatMoney(data.fee.amount, data.fee.currency)}</span>
          )}
        </li>
        <li className={`vd-tile ${phase === "open" ? "vd-tile-ok" : phase === "after" ? "vd-tile-bad" : "vd-tile-info"}`}>
          <span className="vd-tile-label">{t("vendor.setup.title")}</span>
          <strong className="vd-tile-value">{t(`vendor.setup.phase.${phase}` as MessageKey)}</strong>
          {data.setup.starts_at && data.setup.ends_at && (
            <span className="vd-tile-note">
              {phase === "before" ? t("vendor.setup.opensAt", { time: time(data.setup.starts_at) }) : ""}
              {phase === "open" ? t("vendor.setup.closesAt", { time: time(data.setup.ends_at) }) : ""}
              {phase === "after" ? t("vendor.setup.closedAt", { time: time(data.setup.ends_at) }) : ""}
            </span>
          )}
        </li>
        <li className={`vd-tile ${crew.full ? "vd-tile-warn" : "vd-tile-info"}`} data-testid="summary-crew">
          <span className="vd-tile-label">{t("vendor.crew.title")}</span>
          <strong className="vd-tile-value">
            {t("vendor.crew.count", { admitted: formatNumber(crew.admitted), allowed: formatNumber(crew.allowed) })}
          </strong>
          <span className="vd-tile-note">
            {crew.allowed === 0 ? t("vendor.crew.noneYet") : t("vendor.crew.left", { left: formatNumber(crew.left) })}
          </span>
        </li>
      </ul>

      <div className="vd-grid">
        <div className="vd-col">
          <SetupCodeCard event={event} data={data} code={code} error={codeError} phase={phase} onRetry={() => void load()} />
          <ScansCard data={data} zone={zone} />
        </div>
        <div className="vd-col">
          <BoothCard data={data} map={map} />
          <FeeCard
            event={event}
            data={data}
            paying={paying}
            declined={declined}
            onCheck={() => void load()}
          />
          <ProfileCard event={event} profile={profile} onSaved={onProfile} />
        </div>
      </div>
      <p>
        <Link to={`/events/${event.slug}`}>{t("vendor.backToEvent", { event: event.name })}</Link>
      </p>
    </main>
  );

}

/** The latest scans of the setup code, by the station's colours. */
function ScansCard({ data, zone }: { data: DashboardData; zone?: string }) {
  const { t, formatDateTime } = useI18n();
  const scans = data.recent_scans;
  return (
    <section className="card vd-card" aria-labelledby="vd-scans-title" data-testid="vendor-scans">
      <h2 id="vd-scans-title" className="co-h2">
        {t("vendor.scans.title")}
      </h2>
      {scans.length === 0 ? (
        <p className="muted">{t("vendor.scans.none")}</p>
      ) : (
        <ol className="vd-scans">
          {scans.map((scan) => {
            const tone = scanTone(scan.status);
            return (
              <li key={scan.id} className={`vd-scan vd-tone-${tone}`} data-status={scan.status}>
                <span className="vd-scan-icon" aria-hidden="true">
                  {tone === "ok" ? "✓" : tone === "warn" ? "!" : tone === "wait" ? "◷" : "✕"}
                </span>
                <span className="vd-scan-main">
                  <strong>{scanWord(t, scan.status)}</strong>
                  {scan.gate && <span className="muted">{scan.gate.name}</span>}
                </span>
                <time className="muted co-small" dateTime={scan.at}>
                  {formatDateTime(scan.at, { dateStyle: "short", timeStyle: "short" }, zone)}
                </time>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

const SCAN_WORDS = new Set([
  "admitted",
  "exited",
  "already_used",
  "invalid",
  "void",
  "wrong_gate",
  "wrong_event",
  "outside_setup",
  "crew_full",
]);

function scanWord(t: (key: MessageKey) => string, status: string): string {
  return SCAN_WORDS.has(status) ? t(`vendor.scans.${status}` as MessageKey) : status;
}
