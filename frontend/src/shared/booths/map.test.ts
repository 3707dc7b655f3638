import { describe, expect, it } from "vitest";
import { boothRect, isPlaced, percent, sortBooths } from "./map";

describe("boothRect", () => {
  it("reads numbers and the API's decimal strings", () => {
    expect(boothRect({ x: 10, y: "20.5", w: "5", h: 7.25 })).toEqual({ left: 10, top: 20.5, width: 5, height: 7.25 });
  });

  it("keeps the rectangle inside the map", () => {
    expect(boothRect({ x: 98, y: 99, w: 10, h: 10 })).toEqual({ left: 98, top: 99, width: 2, height: 1 });
    expect(boothRect({ x: -5, y: 150, w: 5, h: 5 })).toEqual({ left: 0, top: 99, width: 5, height: 1 });
  });

  it("never draws a booth too small to find", () => {
    expect(boothRect({ x: 1, y: 1, w: 0, h: "nonsense" })).toMatchObject({ width: 1, height: 1 });
  });
});

describe("percent", () => {
  it("reads a position as 0-100", () => {
    expect(percent(150)).toBe(100);
    expect(percent("12.5")).toBe(12.5);
    expect(percent(Number.NaN)).toBe(0);
    expect(percent(null)).toBe(0);
  });
});

describe("isPlaced", () => {
  it("knows a booth with no size has no place", () => {
    expect(isPlaced({ x: 0, y: 0, w: 0, h: 0 })).toBe(false);
    expect(isPlaced({ x: 0, y: 0, w: 3, h: 3 })).toBe(true);
  });
});

describe("sortBooths", () => {
  it("orders by zone, then by code with numbers as numbers", () => {
    const booths = [
      { code: "A-10", zone: "Food court" },
      { code: "B-1", zone: "Arts" },
      { code: "A-2", zone: "Food court" },
    ];
    expect(sortBooths(booths).map((booth) => booth.code)).toEqual(["B-1", "A-2", "A-10"]);
  });
});
