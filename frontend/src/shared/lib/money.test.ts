import { describe, expect, it } from "vitest";
import { fromCents, toCents } from "./money";

describe("money in cents", () => {
  it("adds up without floating-point dust", () => {
    expect(toCents("0.10") + toCents("0.20")).toBe(30);
    expect(fromCents(30)).toBe("0.30");
    expect(fromCents(39900)).toBe("399.00");
  });

  it("reads the API's amounts, and nothing from nonsense", () => {
    expect(toCents("7500.00")).toBe(750000);
    expect(toCents(99)).toBe(9900);
    expect(toCents("nonsense")).toBe(0);
  });
});
