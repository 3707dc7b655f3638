import { describe, expect, it } from "vitest";
import { codeRefusal, isDeadCode } from "./otpRefusal";

describe("a refused sign-in code", () => {
  it("counts the attempts left of a wrong code", () => {
    expect(codeRefusal("otp_invalid", { attempts_remaining: 3 })).toEqual({ kind: "wrong", attemptsLeft: 3 });
    expect(codeRefusal("otp_invalid", {})).toEqual({ kind: "wrong", attemptsLeft: null });
  });

  it("names a dead code, and nothing else", () => {
    expect(codeRefusal("otp_expired", {})).toEqual({ kind: "expired" });
    expect(codeRefusal("otp_exhausted", {})).toEqual({ kind: "exhausted" });
    expect(codeRefusal("otp_superseded", {})).toEqual({ kind: "superseded" });
    expect(codeRefusal("otp_used", {})).toEqual({ kind: "used" });
    expect(codeRefusal("rate_limited", {})).toBeNull();
  });

  it("knows when only a new code helps", () => {
    expect(isDeadCode(codeRefusal("otp_expired", {}))).toBe(true);
    expect(isDeadCode(codeRefusal("otp_invalid", { attempts_remaining: 0 }))).toBe(true);
    expect(isDeadCode(codeRefusal("otp_invalid", { attempts_remaining: 2 }))).toBe(false);
    expect(isDeadCode(codeRefusal("otp_invalid", {}))).toBe(false);
    expect(isDeadCode(null)).toBe(false);
  });
});
