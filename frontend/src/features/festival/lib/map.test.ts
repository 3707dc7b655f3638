import { describe, expect, it } from "vitest";
import { boothRect, isPlaced, percent } from "./map";

describe("places on the map", () => {
  it("keeps a booth on the map and big enough to tap", () => {
    expect(boothRect({ x: 10, y: 20, w: 5, h: 7.5 })).toEqual({ left: 10, top: 20, width: 5, height: 7.5 });
    expect(boothRect({ x: 98, y: 100, w: 10, h: 10 })).toEqual({ left: 98, top: 99, width: 2, height: 1 });
    expect(boothRect({ x: -5, y: 0, w: 0, h: 0.2 })).toEqual({ left: 0, top: 0, width: 1, height: 1 });
  });

  it("knows a booth with no size has no place", () => {
    expect(isPlaced({ w: 0, h: 3 })).toBe(false);
    expect(isPlaced({ w: 3, h: 3 })).toBe(true);
  });

  it("reads a position as 0-100", () => {
    expect(percent(150)).toBe(100);
    expect(percent(Number.NaN)).toBe(0);
    expect(percent(null)).toBe(0);
  });
});
