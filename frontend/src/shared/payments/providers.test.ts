import { describe, expect, it } from "vitest";
import { paymentClientOf, sortProviders, withReturn } from "./providers";

describe("providers", () => {
  it("sorts cards first and unknown names last", () => {
    expect(sortProviders(["test", "paypal", "stripe", "test"])).toEqual(["stripe", "test", "paypal"]);
  });

  it("recognises what each provider's client needs", () => {
    expect(paymentClientOf({ client_secret: "pi_secret", publishable_key: "pk_test" })).toEqual({
      kind: "stripe",
      clientSecret: "pi_secret",
      publishableKey: "pk_test",
    });
    expect(
      paymentClientOf({ order_id: "order_1", key_id: "rzp_test", amount: 30000, currency: "INR" }),
    ).toEqual({ kind: "razorpay", orderId: "order_1", keyId: "rzp_test", amount: 30000, currency: "INR" });
    expect(paymentClientOf({ url: "/api/payments/test/abc/", payment: "test_abc" })).toEqual({
      kind: "redirect",
      url: "/api/payments/test/abc/",
    });
    expect(paymentClientOf({ url: "javascript:alert(1)" })).toEqual({ kind: "unknown" });
    expect(paymentClientOf({ url: "//evil.example/" })).toEqual({ kind: "unknown" });
    expect(paymentClientOf({})).toEqual({ kind: "unknown" });
    expect(paymentClientOf(null)).toEqual({ kind: "unknown" });
  });

  it("adds the return path to the provider page", () => {
    expect(withReturn("/api/payments/test/abc/", "/bookings/b1")).toBe(
      "/api/payments/test/abc/?return=%2Fbookings%2Fb1",
    );
    expect(withReturn("/pay/?x=1&return=/old", "/bookings/b1")).toBe(
      "/pay/?x=1&return=%2Fbookings%2Fb1",
    );
    expect(withReturn("https://pay.example/p", "/b")).toBe("https://pay.example/p?return=%2Fb");
  });
});
