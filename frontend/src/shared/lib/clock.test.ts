import { describe, expect, it } from "vitest";
import { formatClock, localDigits, secondsUntil, splitMinutes } from "./clock";

describe("countdown clock", () => {
  it("counts whole seconds up to a moment, never below zero", () => {
    expect(secondsUntil(10_000, 0)).toBe(10);
    expect(secondsUntil(10_001, 0)).toBe(11);
    expect(secondsUntil(5_000, 9_000)).toBe(0);
    expect(secondsUntil(undefined, 0)).toBe(0);
  });

  it("splits minutes and seconds", () => {
    expect(splitMinutes(125)).toEqual({ minutes: 2, seconds: 5 });
    expect(splitMinutes(75)).toEqual({ minutes: 1, seconds: 15 });
    expect(splitMinutes(0)).toEqual({ minutes: 0, seconds: 0 });
    expect(splitMinutes(-3)).toEqual({ minutes: 0, seconds: 0 });
  });

  it("formats minutes and seconds", () => {
    expect(formatClock(600)).toBe("10:00");
    expect(formatClock(65)).toBe("1:05");
    expect(formatClock(9)).toBe("0:09");
    expect(formatClock(3723)).toBe("1:02:03");
    expect(formatClock(-3)).toBe("0:00");
  });

  it("writes Arabic numerals in Arabic", () => {
    expect(formatClock(65, localDigits("ar"))).toBe("١:٠٥");
    expect(formatClock(65, localDigits("en"))).toBe("1:05");
  });
});
