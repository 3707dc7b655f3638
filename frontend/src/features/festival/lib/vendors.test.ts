import { describe, expect, it } from "vitest";
import { boothOf, categoryLabel } from "./vendors";

describe("vendors", () => {
  it("names a category in words, an unknown one as sent", () => {
    const t = (key: string) => `«${key}»`;
    expect(categoryLabel(t, "food")).toBe("«festival.category.food»");
    expect(categoryLabel(t, "tattoos")).toBe("tattoos");
  });

  it("reads a booth or nothing", () => {
    expect(boothOf({ id: 3, code: "A-01", zone: "Market", x: 1 })).toEqual({ id: 3, code: "A-01", zone: "Market" });
    expect(boothOf(null)).toBeNull();
    expect(boothOf({ id: 3 })).toBeNull();
  });
});
