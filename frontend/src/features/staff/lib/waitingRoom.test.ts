import { describe, expect, it } from "vitest";
import { changesOf, formOf, queueFigures, toLocalInput, waitlistFigures } from "./waitingRoom";

describe("the dashboard's waiting room and waitlist figures", () => {
  it("reads them from a stats frame", () => {
    const stats = {
      sold: 1,
      queue: { active: true, length: 1204, admitted_per_minute: 598, estimated_wait_seconds: 120 },
      waitlist: { waiting: 5, offered: 1, taken: 2, lapsed: -1 },
    };
    expect(queueFigures(stats)).toEqual({ active: true, length: 1204, admitted_per_minute: 598, estimated_wait_seconds: 120 });
    expect(waitlistFigures(stats)).toEqual({ waiting: 5, offered: 1, taken: 2, lapsed: 0 });
  });

  it("answers null when the frame carries none", () => {
    expect(queueFigures({ sold: 1 })).toBeNull();
    expect(waitlistFigures(null)).toBeNull();
    expect(queueFigures({ queue: [] })).toBeNull();
  });
});

describe("the waiting room's controls", () => {
  const settings = {
    ok: true,
    admitted_per_minute: 0,
    mode: "off" as const,
    opens_at: null,
    admission_per_minute: 600,
    pass_minutes: 10,
    arrival_threshold: 1000,
    active: false,
    length: 0,
    admitted: 0,
    estimated_wait_seconds: 0,
  };

  it("sends only what changed, numbers as numbers", () => {
    const before = formOf(settings);
    expect(changesOf(before, before)).toEqual({});
    expect(changesOf(before, { ...before, mode: "on", pass_minutes: "5" })).toEqual({ mode: "on", pass_minutes: 5 });
  });

  it("sends the opening as an instant, and an emptied one as null", () => {
    const before = formOf({ ...settings, opens_at: "2026-07-01T09:00:00Z" });
    expect(before.opens_at).toBe(toLocalInput("2026-07-01T09:00:00Z"));
    const local = "2026-07-02T10:30";
    expect(changesOf(before, { ...before, opens_at: local })).toEqual({ opens_at: new Date(local).toISOString() });
    expect(changesOf(before, { ...before, opens_at: "" })).toEqual({ opens_at: null });
  });
});
