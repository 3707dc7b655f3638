import { describe, expect, it } from "vitest";
import { labelledIndexes, layoutBars, niceMax, rollMinutes, summarise, ticks, windowMinutes } from "./chart";

const minute = (n: number, scans: number) => ({
  minute: `2026-12-22T16:${String(n).padStart(2, "0")}:00Z`,
  scans,
});

describe("niceMax", () => {
  it("rounds up to 1, 2 or 5 × 10ⁿ", () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(3)).toBe(5);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(11)).toBe(20);
    expect(niceMax(38)).toBe(50);
    expect(niceMax(200)).toBe(200);
    expect(niceMax(Number.NaN)).toBe(1);
  });

  it("gives whole gridlines", () => {
    expect(ticks(10)).toEqual([0, 5, 10]);
    expect(ticks(1)).toEqual([0, 1]);
  });
});

describe("layoutBars", () => {
  it("scales bars to the box, zero minutes flat", () => {
    const { bars, max } = layoutBars([minute(0, 0), minute(1, 5), minute(2, 10)], {
      width: 300,
      height: 100,
      gap: 0,
    });
    expect(max).toBe(10);
    expect(bars.map((bar) => bar.height)).toEqual([0, 50, 100]);
    expect(bars.map((bar) => bar.y)).toEqual([100, 50, 0]);
    expect(bars.map((bar) => bar.x)).toEqual([0, 100, 200]);
    expect(bars[0].width).toBe(100);
  });

  it("mirrors for right-to-left", () => {
    const { bars } = layoutBars([minute(0, 1), minute(1, 2)], { width: 200, height: 10, gap: 0, mirror: true });
    expect(bars.map((bar) => bar.x)).toEqual([100, 0]);
  });

  it("copes with no data", () => {
    expect(layoutBars([], { width: 100, height: 10 })).toEqual({ bars: [], max: 1 });
  });
});

describe("summarise", () => {
  it("totals and finds the busiest minute (the first of equals)", () => {
    const points = [minute(0, 2), minute(1, 7), minute(2, 7), minute(3, 1)];
    expect(summarise(points)).toEqual({ total: 17, peak: points[1], latest: points[3] });
  });

  it("has no peak when nothing was scanned", () => {
    expect(summarise([minute(0, 0)]).peak).toBeNull();
    expect(summarise([])).toEqual({ total: 0, peak: null, latest: null });
  });
});

describe("rollMinutes", () => {
  const points = [minute(0, 1), minute(1, 2), minute(2, 3)];

  it("leaves a current window alone", () => {
    expect(rollMinutes(points, Date.parse("2026-12-22T16:02:40Z"))).toEqual(points);
  });

  it("walks on through quiet minutes, keeping the length", () => {
    expect(rollMinutes(points, Date.parse("2026-12-22T16:03:05Z"))).toEqual([minute(1, 2), minute(2, 3), minute(3, 0)]);
    expect(rollMinutes(points, Date.parse("2026-12-22T16:30:00Z")).map((p) => p.scans)).toEqual([0, 0, 0]);
  });

  it("copes with nothing", () => {
    expect(rollMinutes([], 0)).toEqual([]);
  });
});

describe("windowMinutes", () => {
  it("counts the minutes before the current one", () => {
    expect(windowMinutes(16)).toBe(15);
    expect(windowMinutes(0)).toBe(1);
  });
});

describe("labelledIndexes", () => {
  it("labels a few bars, always the newest", () => {
    expect(labelledIndexes(16, 4)).toEqual([0, 5, 10, 15]);
    expect(labelledIndexes(3, 4)).toEqual([0, 1, 2]);
    expect(labelledIndexes(0)).toEqual([]);
    expect(labelledIndexes(10, 4)).toEqual([0, 3, 6, 9]);
  });
});
