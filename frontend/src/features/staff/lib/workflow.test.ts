import { describe, expect, it } from "vitest";
import { actionKey, actionRequest, canTransition, needsConfirmation, staffActions } from "./workflow";

const keys = (status: Parameters<typeof staffActions>[0]["status"], amount = "300.00") =>
  staffActions({ status, amount }).map(actionKey);

describe("staffActions", () => {
  it("offers cash, comp and cancel for an unpaid booking", () => {
    expect(keys("pending_payment")).toEqual(["mark_paid", "comp", "cancel"]);
    expect(staffActions({ status: "pending_payment", amount: "300.00" }).at(-1)).toEqual({
      kind: "cancel",
      refundable: false,
    });
  });

  it("walks a confirmed booking through the service workflow", () => {
    expect(keys("confirmed")).toEqual(["status-in_progress", "status-completed", "cancel"]);
    expect(keys("in_progress")).toEqual(["status-completed", "cancel"]);
  });

  it("offers the refund for paid bookings only", () => {
    expect(staffActions({ status: "confirmed", amount: "300.00" }).at(-1)).toEqual({
      kind: "cancel",
      refundable: true,
    });
    expect(staffActions({ status: "confirmed", amount: "0.00" }).at(-1)).toEqual({
      kind: "cancel",
      refundable: false,
    });
    expect(keys("completed")).toEqual(["refund"]);
    expect(keys("completed", "0.00")).toEqual([]);
  });

  it("offers nothing for finished bookings", () => {
    expect(keys("refunded")).toEqual([]);
    expect(keys("cancelled")).toEqual([]);
    expect(keys("expired")).toEqual([]);
  });
});

describe("steps per kind of event", () => {
  it("walks a repair through its steps, a stay to completed, a festival ticket nowhere", () => {
    const confirmed = { status: "confirmed" as const, amount: "300.00" };
    expect(staffActions(confirmed, "service").map(actionKey)).toEqual([
      "status-in_progress",
      "status-completed",
      "cancel",
    ]);
    expect(staffActions(confirmed, "stays").map(actionKey)).toEqual(["status-completed", "cancel"]);
    expect(staffActions(confirmed, "festival").map(actionKey)).toEqual(["cancel"]);
    expect(staffActions({ status: "in_progress", amount: "1" }, "festival").map(actionKey)).toEqual(["cancel"]);
  });
});

describe("the transition table", () => {
  it("matches the backend", () => {
    expect(canTransition("confirmed", "in_progress")).toBe(true);
    expect(canTransition("in_progress", "confirmed")).toBe(false);
    expect(canTransition("completed", "cancelled")).toBe(false);
    expect(canTransition("refunded", "confirmed")).toBe(false);
  });
});

describe("actionRequest", () => {
  it("builds the staff API calls", () => {
    expect(actionRequest("b1", { kind: "status", to: "completed" })).toEqual({
      path: "/api/staff/bookings/b1/status/",
      method: "PATCH",
      body: { status: "completed" },
    });
    expect(actionRequest("b1", { kind: "mark_paid" }).path).toBe("/api/staff/bookings/b1/mark-paid/");
    expect(actionRequest("b1", { kind: "cancel", refundable: true }, true).body).toEqual({ refund: true });
    expect(actionRequest("b1", { kind: "cancel", refundable: false }, true).body).toEqual({ refund: false });
    expect(actionRequest("b1", { kind: "refund" }).body).toEqual({ refund: true });
  });

  it("asks before what cannot be undone", () => {
    expect(needsConfirmation({ kind: "cancel", refundable: true })).toBe(true);
    expect(needsConfirmation({ kind: "mark_paid" })).toBe(true);
    expect(needsConfirmation({ kind: "status", to: "in_progress" })).toBe(false);
  });
});
