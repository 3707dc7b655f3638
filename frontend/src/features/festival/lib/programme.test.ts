import { describe, expect, it } from "vitest";
import {
  applyScheduleChange,
  groupByDay,
  groupByStage,
  initialDay,
  localized,
  nowAndNext,
  phaseOf,
  scheduleChangeOf,
  scheduleSnapshotOf,
} from "./programme";
import type { ProgrammeItem, StageRef } from "./programme";

const ZONE = "Asia/Riyadh"; // UTC+3, no daylight saving
const main = { id: 1, name: "Main Stage", name_ar: "المسرح الرئيسي" };
const tent = { id: 2, name: "Tent" };

/** A set at Riyadh wall-clock times on 2026-12-05 (hours past 24 run into the next day). */
function set(id: number, stage: StageRef, from: number, to: number, status = "scheduled"): ProgrammeItem {
  const at = (hour: number) => new Date(Date.UTC(2026, 11, 5, hour - 3, (hour % 1) * 60)).toISOString();
  return { id, title: `Set ${id}`, stage, starts_at: at(from), ends_at: at(to), status };
}
const riyadh = (hour: number, minute = 0) => Date.UTC(2026, 11, 5, hour - 3, minute);

describe("now and next per stage", () => {
  const programme = [set(1, main, 16, 17), set(2, main, 17, 18.5), set(3, main, 19, 20), set(4, tent, 16.5, 18), set(5, tent, 20, 21)];

  it("names the set on stage and the one after it, per stage", () => {
    const answer = nowAndNext(programme, riyadh(17, 15));
    expect(answer.map((stage) => [stage.stage.id, stage.now?.id ?? null, stage.next?.id ?? null])).toEqual([
      [1, 2, 3],
      [2, 4, 5],
    ]);
  });

  it("starts a set at its first minute and ends it at its last", () => {
    expect(nowAndNext(programme, riyadh(17))[0].now?.id).toBe(2);
    expect(nowAndNext(programme, riyadh(18, 30))[0].now).toBeNull();
    expect(nowAndNext(programme, riyadh(18, 30))[0].next?.id).toBe(3);
  });

  it("skips cancelled sets, and counts a delayed one at its new time", () => {
    const changed = [set(1, main, 16, 17), set(2, main, 17, 18.5, "cancelled"), set(3, main, 19.5, 20.5, "delayed")];
    const [stage] = nowAndNext(changed, riyadh(17, 15));
    expect(stage.now).toBeNull();
    expect(stage.next?.id).toBe(3);
    expect(nowAndNext(changed, riyadh(19, 45))[0].now?.id).toBe(3);
  });

  it("leaves out a stage whose day is over, and keeps the map's stage order", () => {
    expect(nowAndNext(programme, riyadh(20, 30)).map((stage) => stage.stage.id)).toEqual([2]);
    const order = [tent, main];
    expect(nowAndNext(programme, riyadh(15), order).map((stage) => stage.stage.id)).toEqual([2, 1]);
  });

  it("picks the later of two overlapping sets", () => {
    const overlap = [set(1, main, 16, 18), set(2, main, 17, 17.5)];
    expect(nowAndNext(overlap, riyadh(17, 10))[0].now?.id).toBe(2);
  });

  it("tells past, live and upcoming sets apart", () => {
    expect(phaseOf(programme[0], riyadh(17))).toBe("past");
    expect(phaseOf(programme[1], riyadh(17))).toBe("live");
    expect(phaseOf(programme[2], riyadh(17))).toBe("upcoming");
  });
});

describe("days and stages", () => {
  it("groups by the venue's day, a set after midnight staying with the night before", () => {
    const late = set(6, main, 25, 26); // 01:00 on the 6th, Riyadh
    const nextDay = set(7, main, 24 + 16, 24 + 17); // 16:00 on the 6th
    const days = groupByDay([nextDay, late, set(1, main, 16, 17)], ZONE);
    expect(days.map((day) => [day.date, day.items.map((item) => item.id)])).toEqual([
      ["2026-12-05", [1, 6]],
      ["2026-12-06", [7]],
    ]);
  });

  it("uses the venue's zone, not UTC", () => {
    // 22:30 UTC on the 5th is 01:30 on the 6th in Kolkata: still the 5th's festival night.
    const item = { ...set(1, main, 16, 17), starts_at: "2026-12-05T22:30:00Z", ends_at: "2026-12-05T23:30:00Z" };
    expect(groupByDay([item], "Asia/Kolkata")[0].date).toBe("2026-12-05");
    expect(groupByDay([item], "Asia/Kolkata", 0)[0].date).toBe("2026-12-06");
    expect(groupByDay([item], "America/New_York")[0].date).toBe("2026-12-05");
  });

  it("lists stages in the map's order, then in order of their first set, without empty ones", () => {
    const columns = groupByStage([set(4, tent, 16, 17), set(1, main, 17, 18)], [{ id: 9, name: "Empty" }, main]);
    expect(columns.map((column) => column.stage.id)).toEqual([1, 2]);
  });

  it("opens on today, else the next day with sets, else the last", () => {
    const days = [{ date: "2026-12-05" }, { date: "2026-12-07" }];
    expect(initialDay(days, riyadh(12), ZONE)).toBe("2026-12-05");
    expect(initialDay(days, riyadh(24 + 12), ZONE)).toBe("2026-12-07");
    expect(initialDay(days, riyadh(24 * 5), ZONE)).toBe("2026-12-07");
    expect(initialDay(days, riyadh(-24 * 30), ZONE)).toBe("2026-12-05");
    expect(initialDay([], riyadh(0), ZONE)).toBeNull();
  });
});

describe("live changes", () => {
  it("replaces changed sets, adds new ones, drops removed ones, keeps time order", () => {
    const before = [set(1, main, 16, 17), set(2, main, 17, 18), set(3, main, 19, 20)];
    const after = applyScheduleChange(before, { items: [set(1, main, 18, 18.5, "delayed"), set(8, tent, 15, 16)], removed: [3] });
    expect(after.map((item) => [item.id, item.status])).toEqual([
      [8, "scheduled"],
      [2, "scheduled"],
      [1, "delayed"],
    ]);
    expect(before.map((item) => item.id)).toEqual([1, 2, 3]);
  });

  it("reads frames and snapshots defensively", () => {
    expect(scheduleChangeOf({ items: [set(1, main, 16, 17)] })?.removed).toEqual([]);
    expect(scheduleChangeOf({ removed: [3, "x"] })).toEqual({ items: [], removed: [3] });
    expect(scheduleChangeOf("nope")).toBeNull();
    expect(scheduleChangeOf({ items: "nope" })).toBeNull();
    expect(scheduleSnapshotOf({ items: [set(2, main, 17, 18), set(1, main, 16, 17)] })?.map((item) => item.id)).toEqual([1, 2]);
    expect(scheduleSnapshotOf([set(1, main, 16, 17)])?.length).toBe(1);
    expect(scheduleSnapshotOf(null)).toBeNull();
  });

  it("names things in Arabic when there is Arabic", () => {
    expect(localized("ar", main.name, main.name_ar)).toBe("المسرح الرئيسي");
    expect(localized("ar", tent.name, "")).toBe("Tent");
    expect(localized("en", main.name, main.name_ar)).toBe("Main Stage");
  });
});
