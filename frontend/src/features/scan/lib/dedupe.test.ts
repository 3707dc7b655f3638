import { describe, expect, it } from "vitest";
import { createRepeatFilter } from "./dedupe";

describe("createRepeatFilter", () => {
  it("takes a code once while it stays in view, again after a pause", () => {
    let now = 0;
    const filter = createRepeatFilter(3000, () => now);
    expect(filter.accept("A")).toBe(true);
    now = 1000;
    expect(filter.accept("A")).toBe(false);
    expect(filter.accept("B")).toBe(true);
    now = 3500; // 2.5 s after the last sighting of A
    expect(filter.accept("A")).toBe(false);
    now = 7000;
    expect(filter.accept("A")).toBe(true);
    filter.reset();
    expect(filter.accept("A")).toBe(true);
  });
});
