import { describe, expect, it } from "vitest";
import {
  addDays,
  clampDate,
  dateInZone,
  dateSequence,
  daysBetween,
  isIsoDate,
  nightsOf,
  timeInZone,
  todayIn,
} from "./dates";

describe("dates in a venue's time zone", () => {
  it("names the venue's calendar date, not the browser's", () => {
    // 20:30 UTC is already the next day in Kolkata (+05:30) and still the same in Riyadh (+03).
    expect(dateInZone("2026-11-22T20:30:00Z", "Asia/Kolkata")).toBe("2026-11-23");
    expect(dateInZone("2026-11-22T20:30:00Z", "Asia/Riyadh")).toBe("2026-11-22");
    expect(dateInZone("2026-11-22T02:00:00Z", "America/New_York")).toBe("2026-11-21");
  });

  it("gives the wall-clock time in 24 hours", () => {
    expect(timeInZone("2026-11-23T06:00:00Z", "Asia/Riyadh")).toBe("09:00");
    expect(timeInZone("2026-11-23T03:30:00Z", "Asia/Kolkata")).toBe("09:00");
    expect(timeInZone("2026-11-22T21:00:00Z", "Asia/Riyadh")).toBe("00:00");
  });

  it("knows today's date where the venue is", () => {
    expect(todayIn("Asia/Kolkata", new Date("2026-11-22T19:00:00Z"))).toBe("2026-11-23");
  });
});

describe("date arithmetic", () => {
  it("adds days across months, years and leap days", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("counts days between dates", () => {
    expect(daysBetween("2026-11-25", "2026-11-27")).toBe(2);
    expect(daysBetween("2026-11-27", "2026-11-25")).toBe(-2);
    // Across a daylight-saving change elsewhere: still whole days.
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
  });

  it("lists a stay's nights without the departure day", () => {
    expect(nightsOf("2026-11-30", "2026-12-02")).toEqual(["2026-11-30", "2026-12-01"]);
    expect(nightsOf("2026-11-30", "2026-11-30")).toEqual([]);
    expect(dateSequence("2026-11-22", 3)).toEqual(["2026-11-22", "2026-11-23", "2026-11-24"]);
  });

  it("accepts only real dates", () => {
    expect(isIsoDate("2026-11-22")).toBe(true);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2026-1-2")).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });

  it("clamps a date into a window", () => {
    expect(clampDate("2026-11-01", "2026-11-22", "2026-12-05")).toBe("2026-11-22");
    expect(clampDate("2026-12-09", "2026-11-22", "2026-12-05")).toBe("2026-12-05");
    expect(clampDate("2026-11-30", "2026-11-22")).toBe("2026-11-30");
  });
});
