import { describe, expect, it } from "vitest";
import { categoryLabel, isCategory } from "./vendorCategories";

describe("vendor categories", () => {
  it("names a category in words, an unknown one as sent", () => {
    const t = (key: string) => `«${key}»`;
    expect(categoryLabel(t, "food")).toBe("«vendor.category.food»");
    expect(categoryLabel(t, "tattoos")).toBe("tattoos");
    expect(categoryLabel(t, "")).toBe("");
  });

  it("knows the server's categories", () => {
    expect(isCategory("crafts")).toBe(true);
    expect(isCategory("Crafts")).toBe(false);
  });
});
