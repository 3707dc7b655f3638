/**
 * The answer to one scan, across the whole screen: green in, amber already used, red refused,
 * with an icon and a word too (colour is never the only sign). Tap, Escape or wait to go on.
 * It does not take the focus, so a keyboard-style reader can go on typing the next code.
 */
import { useEffect } from "react";
import { useI18n } from "../../../i18n";
import { isSetupCode, toneOf } from "../lib/outcome";
import type { Outcome } from "../lib/outcome";
import { crewText, firstUseLine, iconOf, reasonKeyOf, setupWindowText, shortTime, titleKey, whatOf } from "../lib/words";

const SHOW_MS = { ok: 2500, warn: 3500, wait: 3500, bad: 3500 } as const;

export function ResultOverlay({ outcome, onDismiss }: { outcome: Outcome; onDismiss: () => void }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const tone = toneOf(outcome.status);

  useEffect(() => {
    const timer = setTimeout(onDismiss, SHOW_MS[tone]);
    const escape = (event: KeyboardEvent) => {
      if (event.key === "Escape") onDismiss();
    };
    document.addEventListener("keydown", escape);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("keydown", escape);
    };
  }, [outcome, tone, onDismiss]);

  const time = (iso: string) => shortTime(iso, formatDateTime);
  const firstUse = firstUseLine(outcome, t, time);
  const setup = isSetupCode(outcome);
  // A vendor's name and booth; a ticket's holder and type (or its number).
  const named = setup ? outcome.vendor?.name : outcome.ticket?.holderName;
  const ticketLine = setup
    ? outcome.vendor
      ? whatOf(outcome, t)
      : ""
    : outcome.ticket?.label || (outcome.ticketId !== null ? t("scan.ticketNumber", { id: outcome.ticketId }) : "");
  const crew = crewText(outcome, t, formatNumber);
  const window = setupWindowText(outcome, t, (iso) => shortTime(iso, formatDateTime));

  return (
    <div
      className={`scan-result scan-result-${tone}`}
      data-testid="scan-result"
      data-status={outcome.status}
      data-local={outcome.local ? "true" : "false"}
      data-kind={setup ? "setup" : "ticket"}
      role="alert"
      onClick={onDismiss}
    >
      <div className="scan-result-body">
        <span className="scan-result-icon" aria-hidden="true">
          {iconOf(outcome.status)}
        </span>
        <p className="scan-result-title">{t(titleKey(outcome.status))}</p>
        {setup && <p className="scan-result-kind">{t("scan.setup.kind")}</p>}
        {named && (
          <p className="scan-result-name" data-testid="scan-result-name">
            {named}
          </p>
        )}
        {ticketLine && <p className="scan-result-ticket">{ticketLine}</p>}
        {crew && (
          <p className="scan-result-first" data-testid="scan-result-crew">
            {crew}
          </p>
        )}
        <p className="scan-result-reason">{t(reasonKeyOf(outcome))}</p>
        {window && <p className="scan-result-first">{window}</p>}
        {firstUse && <p className="scan-result-first">{firstUse}</p>}
        {outcome.local && (
          <p className="scan-result-note">
            {t(outcome.queued ? "scan.result.queued" : "scan.result.local")}
          </p>
        )}
      </div>
      <button type="button" className="scan-result-continue" onClick={onDismiss}>
        {t("scan.result.continue")}
      </button>
    </div>
  );
}
