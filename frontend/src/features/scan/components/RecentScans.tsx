/** The last scans at the gate (every station's), with this station's offline ones on top. */
import { useI18n } from "../../../i18n";
import { outcomeKey, toneOf } from "../lib/outcome";
import type { Outcome } from "../lib/outcome";
import { crewText, iconOf, reasonKeyOf, shortTime, titleKey, whatOf, whoOf } from "../lib/words";

export function RecentScans({ outcomes }: { outcomes: Outcome[] }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  return (
    <section className="scan-recent" aria-labelledby="scan-recent-title">
      <h2 id="scan-recent-title">{t("scan.recent.title")}</h2>
      {outcomes.length === 0 ? (
        <p className="muted">{t("scan.recent.empty")}</p>
      ) : (
        // Not a live region: this station's own answer is announced by the result screen, and
        // a busy gate's other stations would talk over it.
        <ol className="scan-recent-list">
          {outcomes.map((outcome) => {
            const tone = toneOf(outcome.status);
            const who = whoOf(outcome, t);
            const what = whatOf(outcome, t);
            const crew = crewText(outcome, t, formatNumber);
            return (
              <li
                key={outcomeKey(outcome)}
                className={`scan-recent-item tone-${tone}`}
                data-status={outcome.status}
                data-kind={outcome.vendor ? "setup" : "ticket"}
              >
                <span className="scan-recent-icon" aria-hidden="true">
                  {iconOf(outcome.status)}
                </span>
                <span className="scan-recent-main">
                  <strong>{t(titleKey(outcome.status))}</strong>
                  {who && <span className="scan-recent-who">{who}</span>}
                  <span className="scan-recent-detail">
                    {what ? `${what} · ` : ""}
                    {crew ? `${crew} · ` : ""}
                    {t(reasonKeyOf(outcome))}
                  </span>
                </span>
                <span className="scan-recent-side">
                  <time dateTime={outcome.scannedAt}>{shortTime(outcome.scannedAt, formatDateTime)}</time>
                  {outcome.queued && <span className="badge badge-warn">{t("scan.recent.queued")}</span>}
                  {outcome.local && !outcome.queued && <span className="badge">{t("scan.recent.local")}</span>}
                  {outcome.synced && <span className="badge">{t("scan.recent.synced")}</span>}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
