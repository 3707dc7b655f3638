import { describe, expect, it } from "vitest";
import { chooseMethodPath, declineReason, paymentFailureOf, retryPath } from "./failure";

const failed = { status: "failed" as const, provider: "stripe", failure_code: "insufficient_funds", failure_message: "Your card has insufficient funds." };

describe("declineReason", () => {
  it("maps the common decline codes, in any case", () => {
    expect(declineReason("insufficient_funds")).toBe("funds");
    expect(declineReason("Expired_Card")).toBe("expired");
    expect(declineReason("generic_decline")).toBe("declined");
    expect(declineReason("payment_declined")).toBe("declined"); // Razorpay's error_reason
    expect(declineReason("incorrect_cvc")).toBe("cvc");
  });
  it("never says a card is lost or stolen", () => {
    expect(declineReason("stolen_card")).toBe("declined");
    expect(declineReason("lost_card")).toBe("declined");
  });
  it("knows nothing of other codes", () => {
    expect(declineReason("something_new")).toBeNull();
    expect(declineReason("")).toBeNull();
    expect(declineReason("toString")).toBeNull();
    expect(declineReason(undefined)).toBeNull();
  });
});

describe("paymentFailureOf", () => {
  it("explains a known code and keeps the provider's text", () => {
    expect(paymentFailureOf(failed, "pending_payment")).toEqual({
      provider: "stripe",
      reason: "funds",
      providerText: "Your card has insufficient funds.",
    });
  });
  it("falls back to the provider's own text for an unknown code", () => {
    const failure = paymentFailureOf({ ...failed, failure_code: "bank_said_no", failure_message: "No." }, "pending_payment");
    expect(failure).toEqual({ provider: "stripe", reason: null, providerText: "No." });
  });
  it("says declined when the provider said nothing", () => {
    const failure = paymentFailureOf({ ...failed, failure_code: "", failure_message: "" }, "pending_payment");
    expect(failure?.reason).toBe("declined");
  });
  it("shows a cancelled payment as a failure too", () => {
    expect(paymentFailureOf({ ...failed, status: "canceled" }, "pending_payment")?.reason).toBe("funds");
  });
  it("shows nothing while paying, once paid, or for a booking no longer waiting", () => {
    expect(paymentFailureOf({ ...failed, status: "created" }, "pending_payment")).toBeNull();
    expect(paymentFailureOf({ ...failed, status: "succeeded" }, "pending_payment")).toBeNull();
    expect(paymentFailureOf(failed, "confirmed")).toBeNull();
    expect(paymentFailureOf(failed, "expired")).toBeNull();
    expect(paymentFailureOf(null, "pending_payment")).toBeNull();
  });
});

describe("retry paths", () => {
  it("go back to the hold's checkout, the retry with the same provider", () => {
    expect(retryPath("h-1", "test")).toBe("/checkout/h-1?provider=test");
    expect(retryPath("h-1", "")).toBe("/checkout/h-1");
    expect(chooseMethodPath("h 1")).toBe("/checkout/h%201");
  });
});
