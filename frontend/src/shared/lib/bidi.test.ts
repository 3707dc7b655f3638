import { describe, expect, it } from "vitest";
import { isolate, ltr } from "./bidi";

describe("bidi isolation", () => {
  it("wraps text in isolates", () => {
    expect(ltr("+966500000001")).toBe("\u2066+966500000001\u2069");
    expect(isolate("General Admission")).toBe("\u2068General Admission\u2069");
  });
});
