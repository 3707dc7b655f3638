import { describe, expect, it } from "vitest";
import { ago, devicesFor, tokenPreview } from "./devices";
import type { Device } from "./types";

const device = (id: number, event: string | null, created: string, revoked: string | null = null): Device => ({
  id,
  label: `Station ${id}`,
  event,
  token_hint: "abc123",
  created_at: created,
  last_seen_at: null,
  revoked_at: revoked,
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
