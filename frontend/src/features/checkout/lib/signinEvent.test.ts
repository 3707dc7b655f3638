import { describe, expect, it } from "vitest";
import { signInEvent } from "./signinEvent";

describe("signInEvent", () => {
  it("prefers the event the link names", () => {
    expect(signInEvent("repair-shop", "/events/summer-fest")).toBe("repair-shop");
  });

  it("reads the event of the page the guest came from", () => {
    expect(signInEvent(null, "/events/repair-shop")).toBe("repair-shop");
    expect(signInEvent(null, "/events/goa-palm-grove?from=2026-12-10#rooms")).toBe("goa-palm-grove");
    expect(signInEvent(undefined, "/events/summer-fest/festival")).toBe("summer-fest");
    expect(signInEvent(null, "/vendor/summer-fest")).toBe("summer-fest");
  });

  it("is null elsewhere, or for a slug that is not one", () => {
    expect(signInEvent(null, "/bookings")).toBeNull();
    expect(signInEvent(null, "/")).toBeNull();
    expect(signInEvent(null, "/events/")).toBeNull();
    expect(signInEvent("../x", "/checkout/abc")).toBeNull();
  });
});
