import { describe, expect, it } from "vitest";
import type { Slot } from "../../../api/schema";
import { buildSlotGrid, cellState, nextRunSelection, runsOf } from "./slotGrid";
import { resource, slot } from "./fixtures";

const rooms = [resource({ id: 1, kind: "space", name: "Majlis" }), resource({ id: 2, kind: "space", name: "Focus" }), resource({ id: 3, kind: "space" })];

// Riyadh is UTC+3: 06:00Z is 09:00 there.
const halfHour = (id: number, room: number, startUtc: string): Slot => {
  const starts = new Date(startUtc);
  return slot({ id, resource: room, starts_at: starts.toISOString(), ends_at: new Date(starts.getTime() + 30 * 60_000).toISOString() });
};

describe("the slot grid", () => {
  const slots = [
    halfHour(10, 1, "2026-11-23T06:00:00Z"),
    halfHour(11, 1, "2026-11-23T06:30:00Z"),
    halfHour(20, 2, "2026-11-23T06:00:00Z"),
    halfHour(30, 1, "2026-11-24T06:00:00Z"), // the next day
  ];

  it("lays one day out as times × rooms in the venue's zone", () => {
    const grid = buildSlotGrid(rooms, slots, "2026-11-23", "Asia/Riyadh");
    expect(grid.resources.map((room) => room.id)).toEqual([1, 2]);
    expect(grid.rows.map((row) => row.time)).toEqual(["09:00", "09:30"]);
    expect(grid.rows[0].cells.get(1)).toBe(10);
    expect(grid.rows[0].cells.get(2)).toBe(20);
    expect(grid.rows[1].cells.has(2)).toBe(false);
  });

  it("names each cell's state", () => {
    const now = Date.parse("2026-11-23T06:40:00Z");
    expect(cellState({ available: 1, selected: false, endsAt: "2026-11-23T06:30:00Z", now })).toBe("past");
    expect(cellState({ available: 0, selected: false, endsAt: "2026-11-23T07:00:00Z", now })).toBe("taken");
    expect(cellState({ available: 2, selected: false, endsAt: "2026-11-23T07:00:00Z", now })).toBe("free");
    expect(cellState({ available: 0, selected: true, endsAt: "2026-11-23T07:00:00Z", now })).toBe("selected");
  });
});

describe("picking consecutive slots of one room", () => {
  const lane = [0, 1, 2, 3, 4].map((index) =>
    halfHour(100 + index, 1, new Date(Date.parse("2026-11-23T06:00:00Z") + index * 30 * 60_000).toISOString()),
  );
  const free = () => true;

  it("starts with one slot and stretches to a later click", () => {
    expect(nextRunSelection([], 101, lane, free, 18)).toEqual([101]);
    expect(nextRunSelection([101], 103, lane, free, 18)).toEqual([101, 102, 103]);
    expect(nextRunSelection([102, 103], 100, lane, free, 18)).toEqual([100, 101, 102, 103]);
  });

  it("drops an end, or ends the run inside it", () => {
    expect(nextRunSelection([101, 102, 103], 103, lane, free, 18)).toEqual([101, 102]);
    expect(nextRunSelection([101, 102, 103], 101, lane, free, 18)).toEqual([102, 103]);
    expect(nextRunSelection([101, 102, 103, 104], 102, lane, free, 18)).toEqual([101, 102]);
    expect(nextRunSelection([101], 101, lane, free, 18)).toEqual([]);
  });

  it("starts again when the way is blocked, too long, or another room", () => {
    const taken = new Set([102]);
    expect(nextRunSelection([101], 103, lane, (id) => !taken.has(id), 18)).toEqual([103]);
    expect(nextRunSelection([100], 104, lane, free, 3)).toEqual([104]);
    const otherLane = [halfHour(200, 2, "2026-11-23T06:00:00Z")];
    expect(nextRunSelection([101], 200, otherLane, free, 18)).toEqual([200]);
    expect(nextRunSelection([], 100, lane, () => false, 18)).toEqual([]);
  });

  it("does not bridge a gap in time", () => {
    const gappy = [lane[0], lane[2]];
    expect(nextRunSelection([100], 102, gappy, free, 18)).toEqual([102]);
  });

  it("groups selected slots into runs per room", () => {
    const info = new Map(lane.map((item) => [item.id, item]));
    const runs = runsOf([103, 100, 101], (id) => info.get(id));
    expect(runs.map((run) => run.slots.map((item) => item.id))).toEqual([[100, 101], [103]]);
  });
});
