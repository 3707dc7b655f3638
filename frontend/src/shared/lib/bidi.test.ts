import { describe, expect, it } from "vitest";
import { isolate, joinIsolated, ltr } from "./bidi";

describe("bidi isolation", () => {
  it("wraps text in isolates", () => {
    expect(ltr("+966500000001")).toBe("\u2066+966500000001\u2069");
    expect(isolate("General Admission")).toBe("\u2068General Admission\u2069");
  });
});

describe("joinIsolated", () => {
  it("isolates each part of a mixed-direction line, leaving out empty ones", () => {
    expect(joinIsolated(["North Corniche, Jeddah", "", "ساحة الكورنيش"], " — ")).toBe(
      "\u2068North Corniche, Jeddah\u2069 — \u2068ساحة الكورنيش\u2069",
    );
    expect(joinIsolated([null, undefined])).toBe("");
  });
});
