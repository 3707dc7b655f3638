import { describe, expect, it } from "vitest";
import { memoryStorage } from "./memoryStorage";
import { loadParty, saveParty, spreadParty } from "./party";

describe("the party size carried to checkout", () => {
  it("is kept per hold, and only a sensible number", () => {
    const storage = memoryStorage();
    saveParty(storage, "h1", 3);
    saveParty(storage, "h2", 0);
    expect(loadParty(storage, "h1")).toBe(3);
    expect(loadParty(storage, "h2")).toBeNull();
    expect(loadParty(storage, "h3")).toBeNull();
    storage.setItem("gh.party.h4", "two");
    expect(loadParty(storage, "h4")).toBeNull();
  });

  it("spreads over the rooms, at least one each and never above a room's capacity", () => {
    expect(spreadParty(3, [4])).toEqual([3]);
    expect(spreadParty(5, [2, 4])).toEqual([2, 3]);
    expect(spreadParty(2, [3, 3])).toEqual([1, 1]);
    expect(spreadParty(1, [3, 3])).toEqual([1, 1]);
    expect(spreadParty(9, [2, 2])).toEqual([2, 2]);
    expect(spreadParty(null, [3, 2])).toEqual([1, 1]);
  });
});
