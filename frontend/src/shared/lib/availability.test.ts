import { describe, expect, it } from "vitest";
import { EMPTY_LIVE, availableIn, mergeChanges, replaceWithSnapshot, slotsOf, withLiveNumbers } from "./availability";

describe("live availability", () => {
  it("keeps per slot the numbers with the highest version", () => {
    let live = mergeChanges(EMPTY_LIVE, [{ id: 1, available: 5, capacity: 5, version: 3 }]);
    live = mergeChanges(live, [{ id: 1, available: 4, version: 5 }]);
    live = mergeChanges(live, [{ id: 1, available: 9, version: 4 }]); // late and stale
    expect(live.get(1)).toEqual({ available: 4, capacity: 5, version: 5 });
  });

  it("returns the same map when nothing is newer", () => {
    const live = mergeChanges(EMPTY_LIVE, [{ id: 1, available: 1, version: 2 }]);
    expect(mergeChanges(live, [{ id: 1, available: 0, version: 2 }])).toBe(live);
    expect(mergeChanges(live, [])).toBe(live);
  });

  it("lets a snapshot replace the set but not undo newer changes", () => {
    let live = mergeChanges(EMPTY_LIVE, [
      { id: 1, available: 0, version: 7 },
      { id: 2, available: 1, version: 1 },
    ]);
    live = replaceWithSnapshot(live, [
      { id: 1, available: 1, capacity: 1, version: 6 }, // older than what we saw
      { id: 3, available: 2, capacity: 2, version: 0 },
    ]);
    expect(availableIn(live, 1)).toBe(0);
    expect(live.has(2)).toBe(false);
    expect(availableIn(live, 3)).toBe(2);
  });

  it("never shows negative units and reads payloads defensively", () => {
    const live = mergeChanges(EMPTY_LIVE, slotsOf({ slots: [{ id: 1, available: -2, version: 1 }, { id: "x" }, null] }));
    expect(availableIn(live, 1)).toBe(0);
    expect(live.size).toBe(1);
    expect(slotsOf(null)).toEqual([]);
    expect(slotsOf({ slots: "nope" })).toEqual([]);
  });

  it("takes a change without a version as the newest", () => {
    const live = mergeChanges(EMPTY_LIVE, [{ id: 1, available: 3, version: 9 }]);
    expect(availableIn(mergeChanges(live, [{ id: 1, available: 2 }]), 1)).toBe(2);
  });
});

describe("a list of slots with the live numbers", () => {
  const slot = (id: number, available: number, version: number) => ({
    id,
    capacity: 8,
    available,
    version,
    starts_at: "2026-11-29T16:00:00Z",
  });

  it("applies the newest version of each slot, in any order", () => {
    const slots = [slot(1, 8, 0), slot(2, 8, 0)];
    const live = mergeChanges(EMPTY_LIVE, [
      { id: 1, available: 6, version: 2 },
      { id: 1, available: 7, version: 1 },
      { id: 2, available: 5, version: 3 },
    ]);
    expect(withLiveNumbers(slots, live).map((s) => [s.id, s.available, s.version, s.starts_at])).toEqual([
      [1, 6, 2, "2026-11-29T16:00:00Z"],
      [2, 5, 3, "2026-11-29T16:00:00Z"],
    ]);
  });

  it("ignores older numbers and unknown slots, and keeps the same list when nothing changes", () => {
    const slots = [slot(1, 4, 5)];
    expect(withLiveNumbers(slots, mergeChanges(EMPTY_LIVE, [{ id: 1, available: 8, version: 4 }]))).toBe(slots);
    expect(withLiveNumbers(slots, mergeChanges(EMPTY_LIVE, [{ id: 9, available: 1, version: 99 }]))).toBe(slots);
    expect(withLiveNumbers(slots, mergeChanges(EMPTY_LIVE, [{ id: 1, available: 4, version: 5 }]))).toBe(slots);
    expect(withLiveNumbers(slots, EMPTY_LIVE)).toBe(slots);
  });

  it("takes the capacity from a snapshot", () => {
    const live = mergeChanges(EMPTY_LIVE, [{ id: 1, available: 9, capacity: 10, version: 1 }]);
    expect(withLiveNumbers([slot(1, 8, 0)], live)[0].capacity).toBe(10);
  });
});
