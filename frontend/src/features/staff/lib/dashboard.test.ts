import { describe, expect, it } from "vitest";
import { parseDashboard, shares, totalCheckedIn } from "./dashboard";

const snapshot = {
  sold: 12,
  held: 3,
  available: 85,
  checked_in: [
    { gate: 2, name: "Grandstand gate", admitted: 4 },
    { gate: 1, name: "North gate", admitted: 6 },
  ],
  scans_per_minute: [{ minute: "2026-12-22T16:02:00Z", scans: 7 }],
  server_time: "2026-12-22T16:02:30Z",
};

describe("parseDashboard", () => {
  it("reads the snapshot", () => {
    expect(parseDashboard(snapshot)).toEqual(snapshot);
  });

  it("refuses what is not a dashboard and repairs bad numbers", () => {
    expect(parseDashboard(null)).toBeNull();
    expect(parseDashboard({ slots: [] })).toBeNull();
    const odd = parseDashboard({ sold: -1, held: "x", available: 5, checked_in: [null], scans_per_minute: "no" });
    expect(odd).toEqual({ sold: 0, held: 0, available: 5, checked_in: [], scans_per_minute: [], server_time: "" });
  });
});

describe("shares", () => {
  it("gives percentages of the capacity", () => {
    expect(shares(snapshot)).toEqual({ capacity: 100, sold: 12, held: 3, available: 85 });
    expect(shares({ sold: 1, held: 0, available: 2 }).sold).toBeCloseTo(33.333, 2);
    expect(shares({ sold: 0, held: 0, available: 0 })).toEqual({ capacity: 0, sold: 0, held: 0, available: 0 });
  });

  it("totals the check-ins", () => {
    expect(totalCheckedIn(snapshot)).toBe(10);
  });
});
