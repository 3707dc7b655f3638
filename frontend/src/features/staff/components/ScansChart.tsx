/** Scans per minute as a small bar chart drawn here: an image with a summary, and a table. */
import { useI18n } from "../../../i18n";
import { labelledIndexes, layoutBars, summarise, ticks, windowMinutes } from "../lib/chart";
import type { MinuteCount } from "../lib/chart";
import { useVenueTime } from "./parts";

const WIDTH = 480;
const HEIGHT = 140;

export function ScansChart({ points, timeZone }: { points: MinuteCount[]; timeZone?: string }) {
  const { t, dir, formatNumber } = useI18n();
  const { time } = useVenueTime(timeZone);
  const { bars, max } = layoutBars(points, { width: WIDTH, height: HEIGHT, gap: 4, mirror: dir === "rtl" });
  const summary = summarise(points);
  const label = summary.peak
    ? t("staff.chart.summary", {
        minutes: formatNumber(windowMinutes(points.length)),
        total: formatNumber(summary.total),
        peak: formatNumber(summary.peak.scans),
        at: time(summary.peak.minute),
        latest: formatNumber(summary.latest?.scans ?? 0),
      })
    : t("staff.chart.empty", { minutes: formatNumber(windowMinutes(points.length)) });
  const labelled = new Set(labelledIndexes(points.length, 4));
  return (
    <div className="staff-chart">
      {/* The same words as the image's label, for eyes (screen readers hear the label). */}
      <p className="staff-chart-caption muted" aria-hidden="true">
        {label}
      </p>
      <div className="staff-chart-plot">
        <ol className="staff-chart-scale" aria-hidden="true">
          {ticks(max)
            .slice()
            .reverse()
            .map((tick) => (
              <li key={tick}>{formatNumber(tick)}</li>
            ))}
        </ol>
        <svg
          className="staff-chart-svg"
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={label}
          data-testid="scans-chart"
        >
          {ticks(max).map((tick) => {
            const y = HEIGHT - (tick / max) * HEIGHT;
            return <line key={tick} x1={0} x2={WIDTH} y1={y} y2={y} className="staff-chart-grid" />;
          })}
          {bars.map((bar, index) => (
            <rect
              key={bar.minute}
              x={bar.x}
              y={bar.y}
              width={bar.width}
              height={Math.max(bar.height, bar.scans > 0 ? 2 : 0)}
              className={index === bars.length - 1 ? "staff-chart-bar staff-chart-bar-now" : "staff-chart-bar"}
            >
              <title>{`${time(bar.minute)}: ${formatNumber(bar.scans)}`}</title>
            </rect>
          ))}
        </svg>
        <ol className="staff-chart-axis" aria-hidden="true" style={{ gridTemplateColumns: `repeat(${points.length || 1}, 1fr)` }}>
          {points.map((point, index) => (
            <li key={point.minute}>{labelled.has(index) ? time(point.minute) : ""}</li>
          ))}
        </ol>
      </div>
      <table className="visually-hidden">
        <caption>{t("staff.chart.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("staff.chart.minute")}</th>
            <th scope="col">{t("staff.chart.scans")}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point) => (
            <tr key={point.minute}>
              <td>{time(point.minute)}</td>
              <td>{formatNumber(point.scans)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
