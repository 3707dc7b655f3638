import { describe, expect, it } from "vitest";
import { safeNext, signInPath } from "./nextPath";

describe("safeNext", () => {
  it("keeps same-site paths with their query and hash", () => {
    expect(safeNext("/checkout/abc")).toBe("/checkout/abc");
    expect(safeNext("/events/summer-fest?date=2026-12-05#seats")).toBe(
      "/events/summer-fest?date=2026-12-05#seats",
    );
  });

  it("refuses anything that could leave the site", () => {
    for (const bad of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "/\t/evil.example",
      " /x",
      "",
      null,
      undefined,
    ]) {
      expect(safeNext(bad)).toBe("/");
    }
  });

  it("does not loop back to the sign-in page", () => {
    expect(safeNext("/signin?next=/x")).toBe("/");
    expect(safeNext("/signin", "/bookings")).toBe("/bookings");
  });

  it("builds the sign-in address", () => {
    expect(signInPath("/checkout/abc")).toBe("/signin?next=%2Fcheckout%2Fabc");
    expect(signInPath("/")).toBe("/signin");
    expect(signInPath("https://evil.example")).toBe("/signin");
  });
});
