import { describe, expect, it } from "vitest";
import { TIER_LABELS, TIERS, tierOf } from "./sponsors";

describe("sponsor tiers", () => {
  it("ranks title first and names every tier", () => {
    expect(TIERS[0]).toBe("title");
    expect(Object.keys(TIER_LABELS).sort()).toEqual([...TIERS].sort());
  });

  it("reads a tier it does not know as a partner", () => {
    expect(tierOf("gold")).toBe("gold");
    expect(tierOf("diamond")).toBe("partner");
  });
});
