/** Scans per minute as bars: scaling, layout (mirrored for right-to-left) and a summary. */

export interface MinuteCount {
  minute: string;
  scans: number;
}

export interface Bar extends MinuteCount {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Space between bars, in the same units. */
  gap?: number;
  /** Right to left: the newest minute on the left. */
  mirror?: boolean;
}

/** The top of the scale: 1, 2 or 5 × 10ⁿ at or above the largest value (at least 1). */
export function niceMax(value: number): number {
  if (!Number.isFinite(value) || value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

/** The scale's gridlines: 0, half and the top (whole numbers only). */
export function ticks(max: number): number[] {
  const half = max / 2;
  return Number.isInteger(half) && half > 0 ? [0, half, max] : [0, max];
}

/** One bar per minute, oldest first in reading order; a zero minute keeps its place. */
export function layoutBars(points: readonly MinuteCount[], box: ChartBox): { bars: Bar[]; max: number } {
  const max = niceMax(Math.max(0, ...points.map((point) => point.scans)));
  if (points.length === 0) return { bars: [], max };
  const gap = box.gap ?? 2;
  const slot = box.width / points.length;
  const width = Math.max(1, slot - gap);
  const bars = points.map((point, index) => {
    const height = (Math.max(0, point.scans) / max) * box.height;
    const start = index * slot + gap / 2;
    const x = box.mirror ? box.width - start - width : start;
    return { ...point, x, y: box.height - height, width, height };
  });
  return { bars, max };
}

export interface ChartSummary {
  total: number;
  peak: MinuteCount | null;
  latest: MinuteCount | null;
}

/** What the chart says in words: the total, the busiest minute and the latest one. */
export function summarise(points: readonly MinuteCount[]): ChartSummary {
  let total = 0;
  let peak: MinuteCount | null = null;
  for (const point of points) {
    total += point.scans;
    if (point.scans > 0 && (!peak || point.scans > peak.scans)) peak = point;
  }
  return { total, peak, latest: points.at(-1) ?? null };
}

const MINUTE = 60_000;

/**
 * The same window moved on to the minute of `now` (ms): the server sends a frame only when
 * something changed, so on a quiet gate the chart walks on by itself. Minutes that leave the
 * window drop off, new ones count zero. The window keeps its length.
 */
export function rollMinutes(points: readonly MinuteCount[], now: number): MinuteCount[] {
  if (points.length === 0 || !Number.isFinite(now)) return [...points];
  const last = Date.parse(points[points.length - 1].minute);
  const current = Math.floor(now / MINUTE) * MINUTE;
  if (!Number.isFinite(last) || current <= last) return [...points];
  const counts = new Map(points.map((point) => [Date.parse(point.minute), point.scans]));
  return points.map((_, index) => {
    const at = current - (points.length - 1 - index) * MINUTE;
    return { minute: new Date(at).toISOString().replace(".000Z", "Z"), scans: counts.get(at) ?? 0 };
  });
}

/** The minutes a series covers: the server sends the current minute and the N before it. */
export function windowMinutes(points: number): number {
  return Math.max(1, points - 1);
}

/** Indexes of the bars that get a time label below them (about `count` of them, the last always). */
export function labelledIndexes(length: number, count = 4): number[] {
  if (length <= 0) return [];
  if (length <= count) return Array.from({ length }, (_, index) => index);
  const step = Math.ceil((length - 1) / (count - 1));
  const out: number[] = [];
  for (let index = length - 1; index >= 0; index -= step) out.unshift(index);
  return out;
}
