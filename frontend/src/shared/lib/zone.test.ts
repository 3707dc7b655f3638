import { describe, expect, it } from "vitest";
import { addDays, dateInZone, festivalDay, formatTime, utcToZonedInput, zonedToUtc } from "./zone";

describe("times in the venue's zone", () => {
  it("names the venue's date and festival day", () => {
    expect(dateInZone("2026-12-05T21:30:00Z", "Asia/Riyadh")).toBe("2026-12-06");
    expect(festivalDay("2026-12-05T21:30:00Z", "Asia/Riyadh")).toBe("2026-12-05"); // 00:30
    expect(festivalDay("2026-12-06T03:00:00Z", "Asia/Riyadh")).toBe("2026-12-06"); // 06:00
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("turns a wall-clock time at the venue into an instant and back", () => {
    expect(zonedToUtc("2026-12-05T18:30", "Asia/Riyadh")?.toISOString()).toBe("2026-12-05T15:30:00.000Z");
    expect(zonedToUtc("2026-12-05T00:15", "Asia/Kolkata")?.toISOString()).toBe("2026-12-04T18:45:00.000Z");
    expect(utcToZonedInput("2026-12-05T15:30:00Z", "Asia/Riyadh")).toBe("2026-12-05T18:30");
    expect(zonedToUtc("nonsense", "Asia/Riyadh")).toBeNull();
  });

  it("follows daylight saving", () => {
    // New York: EDT (-4) in July, EST (-5) in December.
    expect(zonedToUtc("2026-07-01T12:00", "America/New_York")?.toISOString()).toBe("2026-07-01T16:00:00.000Z");
    expect(zonedToUtc("2026-12-01T12:00", "America/New_York")?.toISOString()).toBe("2026-12-01T17:00:00.000Z");
    // 02:30 on 8 March 2026 does not exist there: it lands an hour on, at 03:30 EDT.
    expect(utcToZonedInput(zonedToUtc("2026-03-08T02:30", "America/New_York")!.toISOString(), "America/New_York")).toBe(
      "2026-03-08T03:30",
    );
  });

  it("writes clock times in the reader's digits", () => {
    expect(formatTime("en", "2026-12-05T15:30:00Z", "Asia/Riyadh")).toBe("18:30");
    expect(formatTime("ar", "2026-12-05T15:30:00Z", "Asia/Riyadh")).toBe("١٨:٣٠");
  });
});

describe("an hour the clocks go back", () => {
  it("takes the earlier of the two instants", () => {
    // 01:30 on 1 November 2026 happens twice in New York: first in EDT (05:30Z).
    expect(zonedToUtc("2026-11-01T01:30", "America/New_York")?.toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });
});
