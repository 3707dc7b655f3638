import { describe, expect, it } from "vitest";
import {
  ago,
  canEditGates,
  devicesFor,
  gatesToSend,
  initialGateChoice,
  sameGates,
  splitGates,
  toggleGate,
  tokenPreview,
} from "./devices";
import type { Device } from "../../../api/schema";

const device = (id: number, event: string | null, created: string, revoked: string | null = null): Device => ({
  id,
  label: `Station ${id}`,
  event,
  token_hint: "abc123",
  created_at: created,
  last_seen_at: null,
  revoked_at: revoked,
  gates: [],
});

describe("devicesFor", () => {
  it("shows the event's and every-event stations, active and newest first", () => {
    const list = [
      device(1, "summer-fest", "2026-11-20T10:00:00Z"),
      device(2, "repair-shop", "2026-11-21T10:00:00Z"),
      device(3, "summer-fest", "2026-11-21T10:00:00Z", "2026-11-21T11:00:00Z"),
      device(4, null, "2026-11-19T10:00:00Z"),
      device(5, "summer-fest", "2026-11-22T10:00:00Z"),
    ];
    expect(devicesFor(list, "summer-fest").map((d) => d.id)).toEqual([5, 1, 4, 3]);
  });
});

describe("ago", () => {
  const now = Date.parse("2026-11-21T12:00:00Z");
  it("picks the unit", () => {
    expect(ago(null, now)).toBeNull();
    expect(ago("2026-11-21T11:59:30Z", now)).toEqual({ value: 0, unit: "minute" });
    expect(ago("2026-11-21T11:45:00Z", now)).toEqual({ value: -15, unit: "minute" });
    expect(ago("2026-11-21T09:00:00Z", now)).toEqual({ value: -3, unit: "hour" });
    expect(ago("2026-11-18T12:00:00Z", now)).toEqual({ value: -3, unit: "day" });
    expect(ago("2026-11-21T12:00:10Z", now)).toEqual({ value: 0, unit: "minute" });
  });

  it("previews a token", () => {
    expect(tokenPreview("abc123")).toBe("ghd_abc123…");
  });
});

const north = { id: 3, name: "North gate" };
const grandstand = { id: 4, name: "Grandstand gate" };
const elsewhere = { id: 9, name: "Workshop door" };

describe("gate choice", () => {
  it("ticks the only gate, and none of several", () => {
    expect(initialGateChoice([north])).toEqual([3]);
    expect(initialGateChoice([north, grandstand])).toEqual([]);
    expect(initialGateChoice([])).toEqual([]);
  });

  it("ticks and unticks without repeats", () => {
    expect(toggleGate([], 4, true)).toEqual([4]);
    expect(toggleGate([4], 3, true)).toEqual([3, 4]);
    expect(toggleGate([3, 4], 3, true)).toEqual([3, 4]);
    expect(toggleGate([3, 4], 3, false)).toEqual([4]);
    expect(toggleGate([4], 3, false)).toEqual([4]);
  });

  it("compares lists as sets", () => {
    expect(sameGates([3, 4], [4, 3])).toBe(true);
    expect(sameGates([3], [3, 4])).toBe(false);
    expect(sameGates([], [])).toBe(true);
  });
});

describe("a station's gates", () => {
  it("splits this event's gates (in the event's order) from other events'", () => {
    const station = { gates: [grandstand, elsewhere, north] };
    expect(splitGates(station, [north, grandstand])).toEqual({ here: [north, grandstand], elsewhere: [elsewhere] });
    expect(splitGates({ gates: [] }, [north])).toEqual({ here: [], elsewhere: [] });
    // The event's gates not loaded (yet): show what the station has.
    expect(splitGates(station, null)).toEqual({ here: [grandstand, elsewhere, north], elsewhere: [] });
  });

  it("sends the ticked gates and keeps those of other events", () => {
    expect(gatesToSend({ gates: [] }, [north, grandstand], [4])).toEqual([4]);
    expect(gatesToSend({ gates: [north] }, [north, grandstand], [])).toEqual([]);
    expect(gatesToSend({ gates: [elsewhere, north] }, [north, grandstand], [4, 3])).toEqual([3, 4, 9]);
    // A stale tick of a gate the event no longer has is dropped.
    expect(gatesToSend({ gates: [] }, [north], [3, 77])).toEqual([3]);
  });

  it("lets only active stations change gates", () => {
    expect(canEditGates(device(1, "summer-fest", "2026-11-20T10:00:00Z"))).toBe(true);
    expect(canEditGates(device(1, "summer-fest", "2026-11-20T10:00:00Z", "2026-11-21T10:00:00Z"))).toBe(false);
  });
});
