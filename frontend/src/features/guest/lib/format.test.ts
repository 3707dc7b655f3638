import { describe, expect, it } from "vitest";
import { dayParts, formatDay, formatEventDates, formatTime, formatTimeRange, zoneName } from "./format";

describe("formats in the venue's zone", () => {
  it("shows a one-day event with its hours", () => {
    const text = formatEventDates("en", "2026-12-22T13:00:00Z", "2026-12-22T20:59:00Z", "Asia/Riyadh");
    expect(text).toContain("22 Dec 2026");
    expect(text).toContain("16:00");
    expect(text).toContain("23:59");
  });

  it("shows a longer event as a date range", () => {
    const text = formatEventDates("en", "2026-11-22T06:00:00Z", "2026-12-05T15:00:00Z", "Asia/Riyadh");
    expect(text).toMatch(/22 Nov.*5 Dec 2026/);
    expect(text).not.toContain(":");
  });

  it("writes Arabic with Arabic digits", () => {
    expect(formatTime("ar", "2026-11-23T06:00:00Z", "Asia/Riyadh")).toBe("٠٩:٠٠");
    expect(formatDay("ar", "2026-11-23")).toMatch(/٢٣/);
  });

  it("names the time zone as people say it", () => {
    expect(zoneName("en", "Asia/Riyadh")).toMatch(/^Arabian? Standard Time$/);
    expect(zoneName("en", "Not/AZone")).toBe("Not/AZone");
  });

  it("formats days and times", () => {
    expect(formatDay("en", "2026-11-23")).toBe("Mon 23 Nov");
    expect(dayParts("en", "2026-11-23")).toEqual({ weekday: "Mon", day: "23", month: "Nov" });
    expect(formatTimeRange("en", "2026-11-23T06:00:00Z", "2026-11-23T07:30:00Z", "Asia/Riyadh")).toBe(
      "09:00 – 10:30",
    );
  });
});
