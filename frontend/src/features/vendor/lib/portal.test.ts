import { describe, expect, it } from "vitest";
import { canPayFee, crewLine, feeState, portalView, scanTone, setupPhase } from "./portal";

describe("portalView", () => {
  it("shows the form to someone who never applied", () => {
    expect(portalView(null)).toEqual({ view: "apply", again: false });
  });

  it("follows the application's status", () => {
    expect(portalView({ status: "pending" })).toEqual({ view: "pending" });
    expect(portalView({ status: "approved", reason: "" })).toEqual({ view: "approved" });
    expect(portalView({ status: "revoked", reason: "Unsafe gas bottles." })).toEqual({
      view: "revoked",
      reason: "Unsafe gas bottles.",
    });
  });

  it("lets a rejected applicant apply again", () => {
    const rejected = { status: "rejected", reason: "Too many kabsa stands." };
    expect(portalView(rejected)).toEqual({ view: "rejected", reason: "Too many kabsa stands." });
    expect(portalView(rejected, true)).toEqual({ view: "apply", again: true });
    // Only a rejected one: a pending application is not sent twice.
    expect(portalView({ status: "pending" }, true)).toEqual({ view: "pending" });
  });
});

describe("setupPhase", () => {
  const setup = { starts_at: "2026-12-20T06:00:00Z", ends_at: "2026-12-20T14:00:00Z", open: false };
  it("places now against the window", () => {
    expect(setupPhase(setup, Date.parse("2026-12-20T05:59:59Z"))).toBe("before");
    expect(setupPhase(setup, Date.parse("2026-12-20T06:00:00Z"))).toBe("open");
    expect(setupPhase(setup, Date.parse("2026-12-20T14:00:00Z"))).toBe("after");
  });

  it("knows when no window is set", () => {
    expect(setupPhase({ starts_at: null, ends_at: null, open: false }, 0)).toBe("unset");
    expect(setupPhase(undefined, 0)).toBe("unset");
  });
});

describe("crewLine", () => {
  it("counts passes used and left", () => {
    expect(crewLine({ allowed: 6, admitted: 3 })).toEqual({ allowed: 6, admitted: 3, left: 3, full: false });
    expect(crewLine({ allowed: 2, admitted: 2 })).toMatchObject({ left: 0, full: true });
    expect(crewLine(null)).toEqual({ allowed: 0, admitted: 0, left: 0, full: false });
  });
});

describe("feeState", () => {
  const fee = { amount: "1500.00", status: "pending_payment", payment_status: "unpaid" };
  it("says what is left to do about the booth fee", () => {
    expect(feeState(null)).toBe("none");
    expect(feeState(fee)).toBe("due");
    expect(canPayFee(feeState(fee))).toBe(true);
    expect(feeState({ ...fee, status: "confirmed", payment_status: "paid" })).toBe("paid");
    expect(feeState({ ...fee, status: "confirmed", payment_status: "due" })).toBe("due");
    expect(feeState({ ...fee, status: "cancelled" })).toBe("cancelled");
    expect(feeState({ ...fee, status: "refunded", payment_status: "refunded" })).toBe("refunded");
    expect(feeState({ ...fee, amount: "0.00" })).toBe("free");
    expect(canPayFee("paid")).toBe(false);
  });
});

describe("scanTone", () => {
  it("colours the vendor's recent scans like the station does", () => {
    expect(scanTone("admitted")).toBe("ok");
    expect(scanTone("crew_full")).toBe("warn");
    expect(scanTone("outside_setup")).toBe("wait");
    expect(scanTone("void")).toBe("bad");
  });
});
