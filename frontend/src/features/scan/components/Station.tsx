/** The scanning station at one gate: camera and typed codes in, a full-screen answer out. */
import { useCallback, useMemo, useRef, useState } from "react";
import { ApiError, api } from "../../../api/client";
import type { ScanAnswer, ScanDirection } from "../../../api/schema";
import { PageTitle, useErrorText } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { useConnectionState, useRealtime } from "../../../realtime/react";
import { CameraButton, CameraView, useCamera } from "./CameraPanel";
import { CountsBar } from "./CountsBar";
import { DirectionToggle } from "./DirectionToggle";
import { ManualEntry } from "./ManualEntry";
import { OfflineStatus } from "./OfflineStatus";
import { RecentScans } from "./RecentScans";
import { ResultOverlay } from "./ResultOverlay";
import { ScanHeader } from "./ScanHeader";
import { signal, soundSetting, unlockAudio } from "../lib/feedback";
import { judgeOffline } from "../lib/offline";
import { toneOf } from "../lib/outcome";
import type { Outcome } from "../lib/outcome";
import { runScan } from "../lib/scanFlow";
import type { ScanDeps } from "../lib/scanFlow";
import type { Device, Gate } from "../lib/station";
import { ledgerFor, scanQueue } from "../lib/stores";
import { useGateFeed } from "../hooks/useGateFeed";
import { useOfflineList } from "../hooks/useOfflineList";
import { useQueueSync } from "../hooks/useQueueSync";
import { gateTopic } from "../../../realtime/topics";

const REST_TIMEOUT_MS = 4000;
const RECENT = 10;

export function Station({
  device,
  gate,
  onChangeGate,
  onSignOut,
}: {
  device: Device;
  gate: Gate;
  onChangeGate?: () => void;
  onSignOut: (revoked?: boolean) => void;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const realtime = useRealtime();
  const connection = useConnectionState();
  const offline = connection === "offline";
  const ledger = ledgerFor(gate.id);
  const gateRef = useMemo(() => ({ id: gate.id, name: gate.name }), [gate.id, gate.name]);

  const list = useOfflineList(gate.id);
  const feed = useGateFeed(gate.topic || gateTopic(gate.id), (outcome) => {
    if (outcome.ticketId !== null)
      ledger.record(outcome.ticketId, { at: outcome.scannedAt, gate: gateRef });
  });
  const sync = useQueueSync(gate.id, () => void list.refresh());

  const [direction, setDirection] = useState<ScanDirection>("in");
  const [sound, setSound] = useState(soundSetting.get);
  const [current, setCurrent] = useState<Outcome | null>(null);
  const [local, setLocal] = useState<Outcome[]>([]);
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const manual = useRef<HTMLInputElement>(null);

  const deps = useMemo<ScanDeps>(
    () => ({
      gate: gateRef,
      online: () => navigator.onLine,
      viaSocket: (request) => realtime.scan(request),
      viaRest: (request) =>
        api<ScanAnswer>("/api/scan/commit/", {
          auth: "device",
          body: request,
          signal: AbortSignal.timeout(REST_TIMEOUT_MS),
        }),
      judge: (qr, way) => judgeOffline(qr, list.index, (id) => ledger.get(id), way),
      queue: scanQueue,
      ledger,
    }),
    [gateRef, realtime, list.index, ledger],
  );

  const scan = useCallback(
    async (raw: string) => {
      setPending((n) => n + 1);
      setError(null);
      try {
        const outcome = await runScan(deps, raw, gate.mode === "reentry" ? direction : "in");
        setCurrent(outcome);
        if (outcome.local) setLocal((list) => [outcome, ...list].slice(0, RECENT));
        signal(toneOf(outcome.status), sound);
      } catch (failure) {
        setError(failure);
        signal("bad", sound);
        if (failure instanceof ApiError && failure.status === 401) onSignOut(true);
      } finally {
        setPending((n) => n - 1);
      }
    },
    [deps, direction, gate.mode, sound, onSignOut],
  );

  const camera = useCamera((code) => void scan(code));

  const dismiss = useCallback(() => {
    setCurrent(null);
    // Back to typing, unless the camera is doing the work (no keyboard popping up on a phone).
    if (camera.state === "off" && document.activeElement === document.body) manual.current?.focus();
  }, [camera.state]);

  const queuedIds = useMemo(() => new Set(sync.queued.map((item) => item.requestId)), [sync.queued]);
  const recent = useMemo(() => {
    // This station's offline answers stay until their upload comes back through the feed.
    const mine = local
      .filter((outcome) => !outcome.queued || queuedIds.has(outcome.requestId))
      .map((outcome) => ({ ...outcome, queued: queuedIds.has(outcome.requestId) }));
    return [...mine, ...feed.recent]
      .sort((a, b) => Date.parse(b.scannedAt) - Date.parse(a.scannedAt))
      .slice(0, RECENT);
  }, [local, feed.recent, queuedIds]);

  const toggleSound = () => {
    unlockAudio();
    setSound((on) => {
      soundSetting.set(!on);
      return !on;
    });
  };

  return (
    <div
      className="scan-app scan-station"
      onPointerDown={sound ? unlockAudio : undefined}
      onKeyDown={sound ? unlockAudio : undefined}
    >
      <ScanHeader
        device={device}
        onSignOut={() => onSignOut()}
        onChangeGate={onChangeGate}
        sound={{ on: sound, toggle: toggleSound }}
      />
      <main id="main" className="scan-main">
        <div className="scan-heading">
          <PageTitle title={`${gate.name} · ${t("scan.title")}`}>{gate.name}</PageTitle>
          <p className="muted">{t("scan.stationOf", { label: device.label })}</p>
          {gate.load_in && (
            <p className="scan-load-in" data-testid="load-in-gate">
              {t("scan.gates.loadIn")}
            </p>
          )}
        </div>
        <div className="scan-side">
          <CountsBar gateName={gate.name} counts={feed.counts} queued={sync.queued.length} />
          <OfflineStatus
            offline={offline}
            queued={sync.queued.length}
            syncing={sync.syncing}
            syncError={sync.error}
            report={sync.report}
            onSync={() => void sync.sync()}
            onDismissReport={sync.dismissReport}
            list={list}
          />
          {feed.error && (
            <p className="notice notice-error" role="alert">
              {feed.error === "forbidden" ? t("scan.gates.none") : t("common.error")}
            </p>
          )}
          <RecentScans outcomes={recent} />
        </div>
        <div className="scan-controls">
          <CameraView camera={camera} />
          <div className="scan-dock">
            <p className="scan-pending" role="status" aria-live="polite">
              {pending > 0 ? t("scan.checking") : ""}
            </p>
            {error !== null && (
              <p className="notice notice-error" role="alert">
                {errorText(error)}
              </p>
            )}
            {gate.mode === "reentry" && <DirectionToggle value={direction} onChange={setDirection} />}
            <ManualEntry ref={manual} onSubmit={(code) => void scan(code)} />
            <CameraButton camera={camera} />
          </div>
        </div>
      </main>
      {current && <ResultOverlay outcome={current} onDismiss={dismiss} />}
    </div>
  );
}
