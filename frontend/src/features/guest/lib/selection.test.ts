import { describe, expect, it } from "vitest";
import { memoryStorage } from "../../../shared/lib/memoryStorage";
import {
  EMPTY_SELECTION,
  PENDING_KEY,
  fitToAvailability,
  fromItems,
  ofSlots,
  savePending,
  soldOutSlots,
  takePending,
  toItems,
  toggled,
  totalCents,
  units,
  withQuantity,
} from "./selection";

describe("a selection", () => {
  it("toggles seats and sets quantities", () => {
    let selection = toggled(EMPTY_SELECTION, 5);
    selection = toggled(selection, 6);
    selection = toggled(selection, 5);
    selection = withQuantity(selection, 9, 3);
    expect(toItems(selection)).toEqual([
      { slot: 6, quantity: 1 },
      { slot: 9, quantity: 3 },
    ]);
    expect(units(selection)).toBe(4);
    expect(withQuantity(selection, 9, 0).has(9)).toBe(false);
  });

  it("adds up prices in cents", () => {
    const prices: Record<number, string> = { 1: "99.00", 2: "0.10", 3: "0.20" };
    const selection = new Map([
      [1, 2],
      [2, 1],
      [3, 1],
    ]);
    expect(totalCents(selection, (slot) => prices[slot])).toBe(19830);
  });

  it("fits itself to what is left", () => {
    const selection = new Map([
      [1, 3],
      [2, 1],
      [3, 1],
    ]);
    const left: Record<number, number> = { 1: 2, 2: 0, 3: 5 };
    const { selection: fitted, shortfalls } = fitToAvailability(selection, (slot) => left[slot]);
    expect(toItems(fitted)).toEqual([
      { slot: 1, quantity: 2 },
      { slot: 3, quantity: 1 },
    ]);
    expect(shortfalls).toEqual([
      { slot: 1, had: 3, now: 2 },
      { slot: 2, had: 1, now: 0 },
    ]);
    expect(fitToAvailability(fitted, () => 9).selection).toBe(fitted);
  });

  it("reads the slots a sold_out answer names", () => {
    expect(soldOutSlots({ code: "sold_out", slots: [{ id: 4, requested: 2, available: 1 }, { nope: 1 }] })).toEqual([
      { id: 4, requested: 2, available: 1 },
    ]);
    expect(soldOutSlots({ code: "sold_out" })).toEqual([]);
  });

  it("rebuilds from items, merging repeats and dropping nonsense", () => {
    expect(
      toItems(
        fromItems([
          { slot: 1, quantity: 1 },
          { slot: 1, quantity: 2 },
          { slot: 2, quantity: 0 },
        ]),
      ),
    ).toEqual([{ slot: 1, quantity: 3 }]);
    expect(toItems(ofSlots([3, 2]))).toEqual([
      { slot: 2, quantity: 1 },
      { slot: 3, quantity: 1 },
    ]);
  });
});

describe("a selection waiting for sign-in", () => {
  it("comes back once, for its own event", () => {
    const storage = memoryStorage();
    savePending(storage, "summer-fest", new Map([[7, 2]]), 1000);
    expect(takePending(storage, "meeting-rooms", 2000)).toBeNull();
    expect(storage.data.has(PENDING_KEY)).toBe(true);
    expect(toItems(takePending(storage, "summer-fest", 2000)!)).toEqual([{ slot: 7, quantity: 2 }]);
    expect(takePending(storage, "summer-fest", 3000)).toBeNull();
  });

  it("is forgotten when stale or broken", () => {
    const storage = memoryStorage();
    savePending(storage, "summer-fest", new Map([[7, 1]]), 0);
    expect(takePending(storage, "summer-fest", 31 * 60_000)).toBeNull();
    storage.setItem(PENDING_KEY, "{not json");
    expect(takePending(storage, "summer-fest")).toBeNull();
    expect(storage.data.has(PENDING_KEY)).toBe(false);
  });
});
