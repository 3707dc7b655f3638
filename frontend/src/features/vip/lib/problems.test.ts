import { describe, expect, it } from "vitest";
import { ApiError } from "../../../api/client";
import { bookingProblem, needsNewCode, requestProblem, verifyProblem } from "./problems";

function failure(status: number, code: string, extra: Record<string, unknown> = {}, retryAfter: number | null = null) {
  return new ApiError(status, { code, message: `server says ${code}`, ...extra }, retryAfter);
}

describe("every refusal looks the same", () => {
  it("sends a 403 at /verify, already_booked and a 403 at booking to /sorry", () => {
    expect(requestProblem(failure(403, "forbidden"))).toEqual({ kind: "sorry" });
    expect(bookingProblem(failure(409, "already_booked"))).toEqual({ kind: "sorry" });
    expect(bookingProblem(failure(403, "forbidden"))).toEqual({ kind: "sorry" });
    expect(verifyProblem(failure(403, "forbidden"))).toEqual({ kind: "sorry" });
  });
});

describe("asking for a code", () => {
  it("words a bad phone, a bad event, a wait and an SMS outage in our own messages", () => {
    expect(requestProblem(failure(400, "validation_error", { fields: { phone: ["x"] } }))).toEqual({
      kind: "message",
      key: "vip.verify.phoneInvalid",
    });
    expect(requestProblem(failure(400, "validation_error", { fields: { event: ["x"] } }))).toEqual({
      kind: "message",
      key: "vip.error.event",
    });
    expect(requestProblem(failure(429, "rate_limited", {}, 42))).toEqual({
      kind: "message",
      key: "vip.error.wait",
      vars: { seconds: 42 },
    });
    expect(requestProblem(failure(503, "sms_unavailable"))).toEqual({ kind: "message", key: "vip.error.sms" });
  });

  it("keeps the server's words for the unexpected, and knows a network failure", () => {
    expect(requestProblem(failure(500, "server_error"))).toEqual({ kind: "other", text: "server says server_error" });
    expect(requestProblem(new TypeError("Failed to fetch"))).toEqual({ kind: "network" });
  });
});

describe("checking a code", () => {
  it("counts the attempts left", () => {
    expect(verifyProblem(failure(400, "otp_invalid", { attempts_remaining: 3 }))).toEqual({
      kind: "message",
      key: "vip.otp.wrong",
      vars: { count: 3 },
    });
    const none = verifyProblem(failure(400, "otp_invalid", { attempts_remaining: 0 }));
    expect(none).toEqual({ kind: "message", key: "vip.otp.noAttempts" });
    expect(needsNewCode(none)).toBe(true);
  });

  it("asks for a new code when this one is dead", () => {
    for (const code of ["otp_exhausted", "otp_expired", "otp_superseded", "otp_used"]) {
      expect(needsNewCode(verifyProblem(failure(400, code)))).toBe(true);
    }
    expect(needsNewCode(verifyProblem(failure(400, "otp_invalid", { attempts_remaining: 2 })))).toBe(false);
  });

  it("starts again when the request is unknown", () => {
    expect(verifyProblem(failure(404, "not_found"))).toEqual({ kind: "restart" });
  });

  it("words a malformed code", () => {
    expect(verifyProblem(failure(400, "validation_error", { fields: { code: ["x"] } }))).toEqual({
      kind: "message",
      key: "vip.otp.codeInvalid",
    });
  });
});

describe("booking an arrival time", () => {
  it("words the inventory's answers", () => {
    expect(bookingProblem(failure(409, "sold_out"))).toEqual({ kind: "message", key: "vip.book.soldOut" });
    expect(bookingProblem(failure(409, "hold_limit"))).toEqual({ kind: "message", key: "vip.book.holdLimit" });
    expect(bookingProblem(failure(410, "hold_expired"))).toEqual({ kind: "message", key: "vip.book.holdExpired" });
    expect(bookingProblem(failure(409, "not_on_sale"))).toEqual({ kind: "message", key: "vip.book.notOnSale" });
    expect(bookingProblem(failure(400, "validation_error", { fields: { details: ["x"] } }))).toEqual({
      kind: "message",
      key: "vip.book.nameInvalid",
    });
  });

  it("sends a lost session back to sign in", () => {
    expect(bookingProblem(failure(401, "not_authenticated"))).toEqual({ kind: "signin" });
  });
});
