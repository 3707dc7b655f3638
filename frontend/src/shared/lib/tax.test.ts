import { describe, expect, it } from "vitest";
import { chargedCents, taxAdded, withTax } from "./tax";

describe("taxAdded", () => {
  it("is the rate only where prices are net", () => {
    expect(taxAdded({ tax_rate: "18.00", prices_include_tax: false })).toBe(18);
    expect(taxAdded({ tax_rate: "15.00", prices_include_tax: true })).toBeNull();
    expect(taxAdded({ tax_rate: "0.00", prices_include_tax: false })).toBeNull();
    expect(taxAdded({})).toBeNull();
    expect(taxAdded(null)).toBeNull();
  });
});

describe("withTax", () => {
  it("adds the tax per line, rounded half up as the server does", () => {
    expect(withTax(64900, 18)).toBe(76582); // 649.00 + 116.82
    expect(withTax(5, 15)).toBe(6); // 0.05 + 0.0075 → 0.06
    expect(withTax(15000, null)).toBe(15000);
  });

  it("rounds each line, not the total", () => {
    // Two lines of 0.05 at 15 %: 0.06 each (0.12), not 0.10 + 0.015 → 0.12 by luck
    expect(chargedCents([5, 5], 15)).toBe(12);
    expect(chargedCents([750000, 750000], 18)).toBe(1770000);
  });
});

describe("the tax note", () => {
  it("reads in both languages", async () => {
    const { translate } = await import("../../i18n");
    expect(translate("en", "common.taxAdded", { rate: "18" })).toBe("+ 18 % tax");
    expect(translate("ar", "common.taxAdded", { rate: "18" })).toBe("+ \u200e18 %\u200e ضريبة");
  });
});
