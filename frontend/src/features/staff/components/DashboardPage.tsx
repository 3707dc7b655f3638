/** The live panel of an event: figures, check-ins per gate, scans per minute, recent scans. */
import { useCallback, useEffect, useState } from "react";
import { PageTitle, Loading } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import { useTopic } from "../../../realtime/react";
import { ScanBadge, useVenueTime } from "./parts";
import { useStaffEvent } from "../hooks/useStaffEvent";
import { parseDashboard, shares, totalCheckedIn } from "../lib/dashboard";
import type { DashboardStats, GateCheckins } from "../lib/dashboard";
import { rollMinutes } from "../lib/chart";
import { ScansChart } from "./ScansChart";
import { mergeScans } from "../lib/scans";
import type { ScanResult } from "../lib/scans";
import { dashboardTopic, gateTopic } from "../../../realtime/topics";
import { BusinessFigures } from "./BusinessFigures";
import { WaitingRoomControls, WaitingRoomFigures } from "./WaitingRoomPanel";
import { queueFigures, waitlistFigures } from "../lib/waitingRoom";
import type { QueueFigures, WaitlistFigures } from "../lib/waitingRoom";

const TOPIC_ERRORS: Record<string, MessageKey> = {
  forbidden: "staff.dash.forbidden",
  not_found: "staff.dash.notFound",
  auth_expired: "staff.dash.authExpired",
};

/** A share of the capacity as a percentage; a sliver reads "under 0.1%", not a false 0%. */
function useShareFormat(): (percent: number) => string {
  const { t, lang } = useI18n();
  const format = new Intl.NumberFormat(lang === "ar" ? "ar-SA-u-nu-arab" : "en-GB", {
    style: "percent",
    maximumFractionDigits: 1,
  });
  return (percent) =>
    percent > 0 && percent < 0.1
      ? t("staff.dash.under", { pct: format.format(0.001) })
      : format.format(percent / 100);
}

/** The server's time now, ticking every 15 s (corrected by the last frame's server_time). */
function useServerClock(serverTime: string | undefined): number {
  const [offset, setOffset] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const at = serverTime ? Date.parse(serverTime) : Number.NaN;
    if (Number.isFinite(at)) setOffset(at - Date.now());
  }, [serverTime]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now + offset;
}

interface GateCounts {
  admitted: number;
  rejected: number;
}

/** Watches one gate (its own component: one hook per gate). */
function GateFeed({
  gate,
  onScans,
  onCounts,
}: {
  gate: number;
  onScans: (scans: unknown[]) => void;
  onCounts: (gate: number, counts: GateCounts) => void;
}) {
  useTopic(gateTopic(gate), {
    onSnapshot: ({ snapshot }) => {
      const data = snapshot as { admitted?: number; rejected?: number; last?: unknown[] };
      onCounts(gate, { admitted: Number(data.admitted ?? 0), rejected: Number(data.rejected ?? 0) });
      onScans(Array.isArray(data.last) ? data.last : []);
    },
    onEvent: ({ kind, data }) => {
      if (kind === "scan") onScans([data]);
      if (kind === "counts") {
        const counts = data as GateCounts;
        onCounts(gate, { admitted: Number(counts.admitted ?? 0), rejected: Number(counts.rejected ?? 0) });
      }
    },
  });
  return null;
}

function StatCard({
  name,
  label,
  value,
  share,
  capacity,
}: {
  name: string;
  label: string;
  value: number;
  share?: number;
  capacity?: number;
}) {
  const { t, formatNumber } = useI18n();
  const formatShare = useShareFormat();
  return (
    <div className={`card staff-stat staff-stat-${name}`}>
      <span className="staff-stat-label">{label}</span>
      <span className="staff-stat-value" data-testid={`stat-${name}`} data-value={value}>
        {formatNumber(value)}
      </span>
      {share !== undefined && capacity ? (
        <span className="staff-stat-share muted">
          {t("staff.dash.share", { pct: formatShare(share), capacity: formatNumber(capacity) })}
        </span>
      ) : null}
    </div>
  );
}

function StatCards({ stats }: { stats: DashboardStats }) {
  const { t } = useI18n();
  const split = shares(stats);
  return (
    <section aria-labelledby="staff-figures" className="staff-section">
      <h2 id="staff-figures" className="visually-hidden">
        {t("staff.dash.figures")}
      </h2>
      {/* Polite: a screen reader hears a figure when it changes, without being interrupted. */}
      <div className="staff-stats" aria-live="polite">
        <StatCard name="sold" label={t("staff.dash.sold")} value={stats.sold} share={split.sold} capacity={split.capacity} />
        <StatCard name="held" label={t("staff.dash.held")} value={stats.held} share={split.held} capacity={split.capacity} />
        <StatCard
          name="available"
          label={t("staff.dash.available")}
          value={stats.available}
          share={split.available}
          capacity={split.capacity}
        />
        <StatCard name="checked-in" label={t("staff.dash.checkedIn")} value={totalCheckedIn(stats)} />
      </div>
      {split.capacity > 0 && (
        <div className="staff-capacity" aria-hidden="true">
          <span className="staff-capacity-sold" style={{ inlineSize: `${split.sold}%` }} />
          <span className="staff-capacity-held" style={{ inlineSize: `${split.held}%` }} />
        </div>
      )}
    </section>
  );
}

function GateList({ gates, counts }: { gates: GateCheckins[]; counts: Record<number, GateCounts> }) {
  const { t, formatNumber } = useI18n();
  return (
    <section aria-labelledby="staff-gates" className="card staff-section">
      <h2 id="staff-gates" className="staff-card-title">
        {t("staff.dash.gates")}
      </h2>
      {gates.length === 0 ? (
        <p className="muted">{t("staff.dash.noGates")}</p>
      ) : (
        <ul className="staff-gates staff-plain-list" aria-live="polite">
          {gates.map((gate) => (
            <li key={gate.gate} className="staff-gate">
              <span className="staff-gate-name">{gate.name}</span>
              <span className="staff-gate-figures">
                <span className="staff-gate-in">
                  <span className="staff-gate-number" data-testid={`checkins-${gate.gate}`} data-value={gate.admitted}>
                    {formatNumber(gate.admitted)}
                  </span>{" "}
                  {t("staff.dash.admittedWord")}
                </span>
                {counts[gate.gate] && (
                  <span className="muted staff-gate-rejected">
                    {t("staff.dash.rejected", { count: formatNumber(counts[gate.gate].rejected) })}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RecentScans({ scans, gates, timeZone }: { scans: ScanResult[]; gates: GateCheckins[]; timeZone?: string }) {
  const { t } = useI18n();
  const { timeSeconds } = useVenueTime(timeZone);
  const gateName = (id: number) => gates.find((gate) => gate.gate === id)?.name ?? `#${id}`;
  return (
    <section aria-labelledby="staff-recent" className="card staff-section">
      <h2 id="staff-recent" className="staff-card-title">
        {t("staff.dash.recent")}
      </h2>
      {scans.length === 0 ? (
        <p className="muted">{t("staff.dash.noScans")}</p>
      ) : (
        <ol className="staff-scans staff-plain-list" aria-live="polite" aria-relevant="additions">
          {scans.map((scan) => (
            <li key={`${scan.gate}|${scan.scanned_at}|${scan.ticket?.id ?? "-"}|${scan.status}`} className="staff-scan">
              <ScanBadge status={scan.status} />
              <span className="staff-scan-who">
                {scan.ticket ? (
                  <>
                    <strong>{scan.ticket.holder_name || t("staff.dash.noName")}</strong>{" "}
                    <span className="muted">{scan.ticket.label}</span>
                  </>
                ) : (
                  <span className="muted">{t("staff.dash.unknownTicket")}</span>
                )}
              </span>
              <span className="staff-scan-where muted">
                {gateName(scan.gate)} · <time dateTime={scan.scanned_at}>{timeSeconds(scan.scanned_at)}</time>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export default function DashboardPage() {
  const event = useStaffEvent();
  const { t } = useI18n();
  const { time } = useVenueTime(event.venue?.time_zone);
  const [stats, setStats] = useState<DashboardStats | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [scans, setScans] = useState<ScanResult[]>([]);
  const [counts, setCounts] = useState<Record<number, GateCounts>>({});
  const [queue, setQueue] = useState<QueueFigures | null>(null);
  const [waitlist, setWaitlist] = useState<WaitlistFigures | null>(null);
  const now = useServerClock(stats?.server_time);

  useTopic(dashboardTopic(event.slug), {
    onSnapshot: ({ snapshot }) => {
      setStats(parseDashboard(snapshot));
      setQueue(queueFigures(snapshot));
      setWaitlist(waitlistFigures(snapshot));
      setProblem(null);
    },
    onEvent: ({ kind, data }) => {
      if (kind !== "stats") return;
      const next = parseDashboard(data);
      if (next) setStats(next);
      setQueue((current) => queueFigures(data) ?? current);
      setWaitlist((current) => waitlistFigures(data) ?? current);
    },
    onError: (code) => setProblem(code),
  });

  const addScans = useCallback((incoming: unknown[]) => setScans((current) => mergeScans(current, incoming)), []);
  const setGateCounts = useCallback(
    (gate: number, value: GateCounts) => setCounts((current) => ({ ...current, [gate]: value })),
    [],
  );

  const title = t("staff.dash.title");
  return (
    <main id="main" className="page staff-page">
      <div className="staff-page-head">
        <PageTitle title={`${title} · ${event.name}`}>{title}</PageTitle>
        {stats?.server_time && (
          <p className="muted staff-updated">
            {t("staff.dash.updated", { time: time(stats.server_time) })}
          </p>
        )}
      </div>
      {problem && !stats && (
        <div className="notice notice-error" role="alert">
          {t(TOPIC_ERRORS[problem] ?? "staff.dash.error")}
        </div>
      )}
      {!stats && !problem && <Loading />}
      {stats && (
        <>
          {stats.checked_in.map((gate) => (
            <GateFeed key={gate.gate} gate={gate.gate} onScans={addScans} onCounts={setGateCounts} />
          ))}
          <StatCards stats={stats} />
          <WaitingRoomFigures queue={queue} waitlist={waitlist} />
        </>
      )}
      <WaitingRoomControls slug={event.slug} />
      {/* The business's own figures: they follow the live frames (a reload per frame). */}
      <BusinessFigures event={event} refresh={stats?.server_time} />
      {stats && (
        <>
          <div className="staff-dash-grid">
            <GateList gates={stats.checked_in} counts={counts} />
            <section aria-labelledby="staff-chart" className="card staff-section">
              <h2 id="staff-chart" className="staff-card-title">
                {t("staff.dash.perMinute")}
              </h2>
              <ScansChart points={rollMinutes(stats.scans_per_minute, now)} timeZone={event.venue?.time_zone} />
            </section>
          </div>
          <RecentScans scans={scans} gates={stats.checked_in} timeZone={event.venue?.time_zone} />
        </>
      )}
    </main>
  );
}
