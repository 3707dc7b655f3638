import { describe, expect, it } from "vitest";
import { boothOf } from "./vendors";

describe("vendors", () => {
  it("reads a booth or nothing", () => {
    expect(boothOf({ id: 3, code: "A-01", zone: "Market", x: 1 })).toEqual({ id: 3, code: "A-01", zone: "Market" });
    expect(boothOf(null)).toBeNull();
    expect(boothOf({ id: 3 })).toBeNull();
  });
});
