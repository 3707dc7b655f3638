import { describe, expect, it } from "vitest";
import { availableToMe, nextExpiry, ownHoldOf, ownUnits, withOwnUnits } from "./ownHolds";
import type { OwnHold } from "./ownHolds";

const answer = {
  id: "h1",
  event: "goa",
  status: "active",
  remaining_seconds: 600,
  items: [
    { slot: 7, quantity: 1 },
    { slot: 8, quantity: 2 },
  ],
};

describe("the guest's own holds", () => {
  it("puts a hold answer on this device's clock, and drops an ended one", () => {
    expect(ownHoldOf(answer, 1_000)).toEqual({
      id: "h1",
      event: "goa",
      expiresAt: 601_000,
      items: [
        { slot: 7, quantity: 1 },
        { slot: 8, quantity: 2 },
      ],
    });
    expect(ownHoldOf({ ...answer, status: "released" }, 1_000)).toBeNull();
    expect(ownHoldOf({ ...answer, remaining_seconds: 0 }, 1_000)).toBeNull();
  });

  it("counts the units per slot of one event's running holds only", () => {
    const holds: OwnHold[] = [
      { id: "a", event: "goa", expiresAt: 5_000, items: [{ slot: 7, quantity: 1 }] },
      { id: "b", event: "goa", expiresAt: 9_000, items: [{ slot: 7, quantity: 2 }, { slot: 9, quantity: 1 }] },
      { id: "c", event: "other", expiresAt: 9_000, items: [{ slot: 7, quantity: 4 }] },
    ];
    expect([...ownUnits(holds, "goa", 1_000)]).toEqual([
      [7, 3],
      [9, 1],
    ]);
    expect([...ownUnits(holds, "goa", 6_000)]).toEqual([
      [7, 2],
      [9, 1],
    ]);
    expect(ownUnits(holds, "goa", 9_000).size).toBe(0);
    expect(nextExpiry(holds, "goa", 1_000)).toBe(5_000);
    expect(nextExpiry(holds, "goa", 5_000)).toBe(9_000);
    expect(nextExpiry(holds, "goa", 9_000)).toBeNull();
  });

  it("adds the guest's units back: their own hold never reads as taken", () => {
    const own = new Map([[7, 1]]);
    expect(availableToMe(0, own, 7)).toBe(1);
    expect(availableToMe(-1, own, 7)).toBe(1);
    expect(availableToMe(0, own, 8)).toBe(0);
    const slots = [
      { id: 7, available: 0 },
      { id: 8, available: 0 },
    ];
    expect(withOwnUnits(slots, own)).toEqual([
      { id: 7, available: 1 },
      { id: 8, available: 0 },
    ]);
    expect(withOwnUnits(slots, new Map())).toBe(slots);
  });
});
