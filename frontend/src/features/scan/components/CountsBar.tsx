/** The gate's figures, big enough to read at arm's length. */
import { useI18n } from "../../../i18n";
import type { GateCounts } from "../hooks/useGateFeed";

export function CountsBar({
  gateName,
  counts,
  queued,
}: {
  gateName: string;
  counts: GateCounts | null;
  queued: number;
}) {
  const { t, formatNumber } = useI18n();
  const figure = (value: number | undefined) => (value === undefined ? "–" : formatNumber(value));
  return (
    <section className="scan-counts" aria-label={t("scan.counts.label", { gate: gateName })}>
      <dl>
        <div className="scan-count scan-count-ok" data-testid="count-admitted">
          <dt>{t("scan.counts.admitted")}</dt>
          <dd>{figure(counts?.admitted)}</dd>
        </div>
        <div className="scan-count scan-count-bad" data-testid="count-rejected">
          <dt>{t("scan.counts.rejected")}</dt>
          <dd>{figure(counts?.rejected)}</dd>
        </div>
        {queued > 0 && (
          <div className="scan-count scan-count-warn" data-testid="count-queued">
            <dt>{t("scan.counts.queued")}</dt>
            <dd>{formatNumber(queued)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
