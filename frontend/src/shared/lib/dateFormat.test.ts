import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatInstant, localeOf } from "./dateFormat";

describe("formatCalendarDate", () => {
  it("writes day before month in English, never mm/dd/yyyy", () => {
    expect(formatCalendarDate("en", "2026-12-20")).toBe("Sun, 20 Dec 2026");
    expect(formatCalendarDate("en", "2026-03-04", { day: "numeric", month: "long", year: "numeric" })).toBe(
      "4 March 2026",
    );
  });

  it("writes Arabic month names and digits on the Gregorian calendar", () => {
    const text = formatCalendarDate("ar", "2026-12-20");
    expect(text).toContain("ديسمبر");
    expect(text).toContain("٢٠");
    expect(text).toContain("٢٠٢٦");
    expect(text).not.toMatch(/[0-9]/);
  });

  it("is the same day wherever the reader is", () => {
    // Noon UTC: no zone from -12 to +14 moves it to another day.
    expect(formatCalendarDate("en", "2026-01-01", { day: "numeric", month: "numeric", year: "numeric" })).toBe(
      "01/01/2026",
    );
  });

  it("gives nothing for what is not a date", () => {
    expect(formatCalendarDate("en", "")).toBe("");
    expect(formatCalendarDate("en", "12/20/2026")).toBe("");
    expect(formatCalendarDate("en", "2026-02-30")).toBe("");
  });
});

describe("formatInstant", () => {
  it("writes the time in the venue's zone", () => {
    expect(formatInstant("en", "2026-12-20T12:00:00Z", undefined, "Asia/Riyadh")).toBe("20 Dec 2026, 15:00");
    expect(formatInstant("en", "2026-12-20T12:00:00Z", undefined, "Asia/Kolkata")).toBe("20 Dec 2026, 17:30");
  });

  it("writes Arabic digits in Arabic", () => {
    expect(formatInstant("ar", "2026-12-20T12:00:00Z", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }, "Asia/Riyadh")).toBe(
      "١٥:٠٠",
    );
  });

  it("gives nothing for a bad instant", () => {
    expect(formatInstant("en", "not a date")).toBe("");
  });

  it("uses one locale per language", () => {
    expect(localeOf("en")).toBe("en-GB");
    expect(localeOf("ar")).toBe("ar-SA-u-nu-arab-ca-gregory");
  });
});
