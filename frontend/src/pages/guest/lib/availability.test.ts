import { describe, expect, it } from "vitest";
import { EMPTY_LIVE, availableIn, mergeChanges, replaceWithSnapshot, slotsOf } from "./availability";

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
