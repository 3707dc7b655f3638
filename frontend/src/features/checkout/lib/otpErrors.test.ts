import { describe, expect, it } from "vitest";
import { needsNewCode, otpErrorMessage } from "./otpErrors";
import type { ErrorLike } from "./otpErrors";

function error(status: number, code: string, extra: Record<string, unknown> = {}, retryAfter: number | null = null): ErrorLike {
  const body = { code, message: `server: ${code}`, ...extra };
  return {
    status,
    code,
    message: body.message,
    retryAfter,
    body,
    field: (name) => {
      const fields = (extra.fields ?? {}) as Record<string, string[]>;
      return fields[name]?.[0];
    },
  };
}

describe("OTP errors", () => {
  it("says how many attempts are left", () => {
    expect(otpErrorMessage(error(400, "otp_invalid", { attempts_remaining: 4 }))).toEqual({
      key: "checkout.otp.wrongCode",
      vars: { count: 4 },
      field: "code",
    });
    expect(otpErrorMessage(error(400, "otp_invalid", { attempts_remaining: 1 }))).toMatchObject({
      key: "checkout.otp.wrongCodeOne",
    });
    expect(otpErrorMessage(error(400, "otp_invalid", { attempts_remaining: 0 }))).toMatchObject({
      key: "checkout.otp.noAttempts",
    });
  });

  it("explains expiry, limits and refusals", () => {
    expect(otpErrorMessage(error(400, "otp_expired"))).toMatchObject({ key: "checkout.otp.expired" });
    expect(otpErrorMessage(error(429, "rate_limited", {}, 42.2))).toEqual({ key: "checkout.otp.wait", wait: 43 });
    expect(otpErrorMessage(error(400, "validation_error", { fields: { phone: ["Not a mobile."] } }))).toEqual({
      key: "checkout.otp.badPhone",
      field: "phone",
    });
    expect(otpErrorMessage(error(403, "forbidden"))).toMatchObject({ key: "checkout.otp.refused" });
    expect(otpErrorMessage(error(418, "teapot"))).toEqual({ text: "server: teapot" });
  });

  it("knows when only a new code helps", () => {
    expect(needsNewCode("otp_expired", undefined)).toBe(true);
    expect(needsNewCode("otp_invalid", 0)).toBe(true);
    expect(needsNewCode("otp_invalid", 2)).toBe(false);
    expect(needsNewCode("rate_limited", undefined)).toBe(false);
  });
});
