/** Offline or not, what waits to upload, what the last upload found, and the offline list. */
import { useErrorText } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { StoredBundle } from "../lib/offline";
import { outcomeFromAnswer } from "../lib/outcome";
import type { SyncReport } from "../lib/queue";
import { reasonKeyOf, shortTime, titleKey, whoOf } from "../lib/words";

interface Props {
  offline: boolean;
  queued: number;
  syncing: boolean;
  syncError: unknown;
  report: SyncReport | null;
  onSync: () => void;
  onDismissReport: () => void;
  list: { stored: StoredBundle | null; loaded: boolean; error: unknown };
}

export function OfflineStatus({
  offline,
  queued,
  syncing,
  syncError,
  report,
  onSync,
  onDismissReport,
  list,
}: Props) {
  const { t, formatNumber, formatDateTime } = useI18n();
  const errorText = useErrorText();
  const count = formatNumber(queued);

  return (
    <section className="scan-offline" data-testid="offline-status" data-queued={queued} data-offline={offline}>
      <div role="status" aria-live="polite">
        {offline ? (
          <div className="scan-offline-banner">
            <strong>{queued > 0 ? t("scan.offline.queued", { count }) : t("scan.offline.title")}</strong>
            <span>{t("scan.offline.checking")}</span>
          </div>
        ) : (
          queued > 0 && (
            <div className="notice notice-warn scan-offline-pending">
              <span>{syncing ? t("scan.offline.syncing", { count }) : t("scan.offline.pending", { count })}</span>
              {!syncing && (
                <button type="button" className="btn btn-small" onClick={onSync}>
                  {t("scan.offline.syncNow")}
                </button>
              )}
            </div>
          )
        )}
        {!offline && syncError !== null && queued > 0 && !syncing && (
          <p className="notice notice-error">
            {t("scan.offline.syncFailed")} {errorText(syncError)}
          </p>
        )}
        {report && report.synced.length > 0 && (
          <div
            className={`notice ${report.problems.length ? "notice-warn" : "notice-ok"} scan-sync-report`}
            data-testid="sync-report"
          >
            <div className="stack">
              <span>{t("scan.offline.synced", { count: formatNumber(report.synced.length) })}</span>
              {report.problems.length > 0 && (
                <>
                  <span>{t("scan.offline.conflicts", { count: formatNumber(report.problems.length) })}</span>
                  <ul className="scan-conflicts">
                    {report.problems.map(({ requestId, answer }) => {
                      const outcome = outcomeFromAnswer(answer, requestId);
                      const who = whoOf(outcome, t);
                      return (
                        <li key={requestId}>
                          <strong>{t(titleKey(outcome.status))}</strong>
                          {who && ` · ${who}`} · {t(reasonKeyOf(outcome))}
                          {outcome.firstGate && outcome.firstAdmittedAt && (
                            <>
                              {" "}
                              ({outcome.firstGate.name}, {shortTime(outcome.firstAdmittedAt, formatDateTime)})
                            </>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                </>
              )}
            </div>
            <button type="button" className="btn btn-small btn-ghost" onClick={onDismissReport}>
              {t("scan.offline.dismiss")}
            </button>
          </div>
        )}
      </div>
      <OfflineListLine {...list} />
    </section>
  );
}

function OfflineListLine({ stored, loaded, error }: Props["list"]) {
  const { t, formatNumber, formatDateTime } = useI18n();
  if (!loaded) return null;
  if (!stored) {
    return <p className={error ? "notice notice-warn" : "muted scan-list-line"}>{t("scan.offline.noList")}</p>;
  }
  return (
    <p className="muted scan-list-line" data-testid="offline-list">
      {t("scan.offline.list", {
        count: formatNumber(stored.bundle.tickets.length),
        time: shortTime(stored.fetchedAt, formatDateTime),
      })}
      {error ? ` · ${t("scan.offline.listFailed")}` : ""}
    </p>
  );
}
