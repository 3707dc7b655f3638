/**
 * The answer to one scan, across the whole screen: green in, amber already used, red refused,
 * with an icon and a word too (colour is never the only sign). Tap, Escape or wait to go on.
 * It does not take the focus, so a keyboard-style reader can go on typing the next code.
 */
import { useEffect } from "react";
import { useI18n } from "../../../i18n";
import { toneOf } from "../lib/outcome";
import type { Outcome } from "../lib/outcome";
import { firstUseLine, iconOf, reasonKey, shortTime, titleKey } from "../lib/words";

const SHOW_MS = { ok: 2500, warn: 3500, bad: 3500 } as const;

export function ResultOverlay({ outcome, onDismiss }: { outcome: Outcome; onDismiss: () => void }) {
  const { t, formatDateTime } = useI18n();
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
  const ticketLine =
    outcome.ticket?.label ||
    (outcome.ticketId !== null ? t("scan.ticketNumber", { id: outcome.ticketId }) : "");

  return (
    <div
      className={`scan-result scan-result-${tone}`}
      data-testid="scan-result"
      data-status={outcome.status}
      data-local={outcome.local ? "true" : "false"}
      role="alert"
      onClick={onDismiss}
    >
      <div className="scan-result-body">
        <span className="scan-result-icon" aria-hidden="true">
          {iconOf(outcome.status)}
        </span>
        <p className="scan-result-title">{t(titleKey(outcome.status))}</p>
        {outcome.ticket?.holderName && (
          <p className="scan-result-name" data-testid="scan-result-name">
            {outcome.ticket.holderName}
          </p>
        )}
        {ticketLine && <p className="scan-result-ticket">{ticketLine}</p>}
        <p className="scan-result-reason">{t(reasonKey(outcome.status))}</p>
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
