import { describe, expect, it } from "vitest";
import { byTier, safeUrl } from "./sponsors";

describe("sponsors by tier", () => {
  it("orders the tiers by rank and keeps the server's order within one", () => {
    const sponsors = [
      { id: 1, tier: "gold" },
      { id: 2, tier: "title" },
      { id: 3, tier: "gold" },
      { id: 4, tier: "mystery" },
    ];
    expect(byTier(sponsors).map((group) => [group.tier, group.sponsors.map((s) => s.id)])).toEqual([
      ["title", [2]],
      ["gold", [1, 3]],
      ["partner", [4]],
    ]);
  });

  it("lets only web links out", () => {
    expect(safeUrl("https://example.com/a")).toBe("https://example.com/a");
    expect(safeUrl("javascript:alert(1)")).toBeNull();
    expect(safeUrl("example.com")).toBeNull();
    expect(safeUrl("")).toBeNull();
  });
});
