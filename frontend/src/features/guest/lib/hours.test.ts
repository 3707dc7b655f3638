import { describe, expect, it } from "vitest";
import { clockText, hoursByDay, weekdayIn, weekdayName } from "./hours";

describe("opening hours", () => {
  it("lists every weekday, Monday first, ranges in order, closed days empty", () => {
    const days = hoursByDay([
      { weekday: 0, opens: "14:00", closes: "18:00" },
      { weekday: 0, opens: "09:00", closes: "13:00" },
      { weekday: 5, opens: "10:00", closes: "16:00" },
    ]);
    expect(days).toHaveLength(7);
    expect(days[0].ranges.map((r) => r.opens)).toEqual(["09:00", "14:00"]);
    expect(days[6].ranges).toEqual([]);
  });

  it("names days and times in the language", () => {
    expect(weekdayName("en-GB", 0)).toBe("Monday");
    expect(weekdayName("en-GB", 6)).toBe("Sunday");
    expect(clockText("en-GB", "09:00")).toBe("09:00");
    expect(clockText("ar-SA-u-nu-arab", "09:30")).toMatch(/[٠-٩]/);
  });

  it("knows today's weekday in the venue's zone", () => {
    // 2026-12-07 20:00 UTC is already Tuesday in Kolkata (UTC+5:30).
    expect(weekdayIn("UTC", new Date("2026-12-07T20:00:00Z"))).toBe(0);
    expect(weekdayIn("Asia/Kolkata", new Date("2026-12-07T20:00:00Z"))).toBe(1);
  });
});
