/**
 * The crew's setup code: a QR code made on the page from `qr_payload`, the window it works
 * in, and how many crew members it has let in. "Show at the gate" fills the screen with it
 * (white, as large as fits, the screen kept awake where the browser allows) for the scanner.
 */
import { useEffect, useRef, useState } from "react";
import { isApiError } from "../../../api/client";
import type { EventDetail } from "../../../api/schema";
import { ErrorNotice } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { ltr } from "../../../shared/lib/bidi";
import type { Dashboard, SetupCode } from "../api";
import type { SetupPhase } from "../lib/portal";
import { crewLine } from "../lib/portal";
import { QrCode } from "./parts";

/** "Setup window: 20 Dec 2026, 08:00 – 17:00" (the date once when it is one day), in the venue's zone. */
export function useWindowText(event: EventDetail) {
  const { t, formatDateTime } = useI18n();
  const zone = event.venue?.time_zone;
  const day = (iso: string) => formatDateTime(iso, { dateStyle: "medium", timeStyle: undefined }, zone);
  return (from: string | null | undefined, until: string | null | undefined) => {
    if (!from || !until) return t("vendor.setup.unset");
    const end =
      day(from) === day(until)
        ? formatDateTime(until, { dateStyle: undefined, timeStyle: "short" }, zone)
        : formatDateTime(until, undefined, zone);
    return t("vendor.setup.window", { from: formatDateTime(from, undefined, zone), until: end });
  };
}

/** The code over the whole screen, for the gate's scanner. */
function CodeScreen({
  event,
  data,
  code,
  onClose,
}: {
  event: EventDetail;
  data: Dashboard;
  code: SetupCode;
  onClose: () => void;
}) {
  const { t, formatNumber } = useI18n();
  const windowText = useWindowText(event);
  const ref = useRef<HTMLDivElement>(null);
  const crew = crewLine({ allowed: code.crew_passes, admitted: code.admitted });

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.focus();
    const escape = (keyEvent: KeyboardEvent) => keyEvent.key === "Escape" && onClose();
    document.addEventListener("keydown", escape);
    document.body.classList.add("vd-no-scroll");
    // Keep the screen on while it is shown (where the browser allows it).
    let lock: WakeLockSentinel | null = null;
    navigator.wakeLock?.request("screen").then(
      (made) => (lock = made),
      () => undefined,
    );
    return () => {
      document.removeEventListener("keydown", escape);
      document.body.classList.remove("vd-no-scroll");
      void lock?.release().catch(() => undefined);
      opener?.focus();
    };
  }, [onClose]);

  return (
    <div
      ref={ref}
      className="vd-code-screen"
      role="dialog"
      aria-modal="true"
      aria-labelledby="vd-code-screen-title"
      tabIndex={-1}
      data-testid="code-screen"
    >
      <div className="vd-code-screen-head">
        <h2 id="vd-code-screen-title" className="vd-code-screen-name">
          <bdi>{data.vendor.name}</bdi>
        </h2>
        <p className="vd-code-screen-booth">
          {data.booth ? t("vendor.code.booth", { booth: ltr(data.booth.code), zone: data.booth.zone }) : t("vendor.booth.none")}
        </p>
      </div>
      <QrCode text={code.qr_payload} label={t("vendor.code.qrAlt", { name: data.vendor.name })} />
      <p className="vd-code-screen-crew">
        {t("vendor.crew.in", { admitted: formatNumber(crew.admitted), allowed: formatNumber(crew.allowed) })}
      </p>
      <p className="vd-code-screen-window">{windowText(code.valid_from, code.valid_until)}</p>
      <button type="button" className="btn btn-secondary vd-code-screen-close" onClick={onClose}>
        {t("common.close")}
      </button>
    </div>
  );
}

export function SetupCodeCard({
  event,
  data,
  code,
  error,
  phase,
  onRetry,
}: {
  event: EventDetail;
  data: Dashboard;
  code: SetupCode | null;
  error: unknown;
  phase: SetupPhase;
  onRetry: () => void;
}) {
  const { t, formatNumber } = useI18n();
  const windowText = useWindowText(event);
  const [full, setFull] = useState(false);
  const crew = crewLine(code ? { allowed: code.crew_passes, admitted: code.admitted } : data.passes);
  const refused = isApiError(error, undefined, 403) || isApiError(error, "not_approved");

  return (
    <section className="card vd-card vd-code" aria-labelledby="vd-code-title" data-testid="setup-code">
      <h2 id="vd-code-title" className="co-h2">
        {t("vendor.code.title")}
      </h2>
      <p className="muted">{t("vendor.code.intro")}</p>
      {!refused && <ErrorNotice error={error} onRetry={onRetry} />}
      {refused && <p className="notice notice-warn">{t("vendor.code.refused")}</p>}
      {code && (
        <>
          <div className="vd-code-qr">
            <QrCode text={code.qr_payload} label={t("vendor.code.qrAlt", { name: data.vendor.name })} size={240} />
          </div>
          <p className="vd-code-crew" data-testid="crew-count">
            {t("vendor.crew.in", { admitted: formatNumber(crew.admitted), allowed: formatNumber(crew.allowed) })}
          </p>
          <p className="vd-code-window">{windowText(code.valid_from, code.valid_until)}</p>
          {phase === "before" && <p className="notice notice-warn">{t("vendor.code.notYet")}</p>}
          {phase === "after" && <p className="notice notice-error">{t("vendor.code.over")}</p>}
          {phase === "unset" && <p className="notice notice-warn">{t("vendor.code.noWindow")}</p>}
          {code.crew_passes === 0 && <p className="notice notice-warn">{t("vendor.code.noPasses")}</p>}
          <button type="button" className="btn btn-block" onClick={() => setFull(true)}>
            {t("vendor.code.fullScreen")}
          </button>
          <p className="muted co-small">{t("vendor.code.keep")}</p>
        </>
      )}
      {full && code && <CodeScreen event={event} data={data} code={code} onClose={() => setFull(false)} />}
    </section>
  );
}
