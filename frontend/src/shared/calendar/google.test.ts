import { describe, expect, it } from "vitest";
import { googleCalendarUrl, placeText, utcStamp } from "./google";

describe("utcStamp", () => {
  it("writes an instant in UTC, without separators or milliseconds", () => {
    expect(utcStamp("2026-12-21T06:00:00Z")).toBe("20261221T060000Z");
    expect(utcStamp("2026-12-21T06:00:00.250Z")).toBe("20261221T060000Z");
  });

  it("converts an offset to UTC (09:00 in Kolkata is 03:30 UTC)", () => {
    expect(utcStamp("2026-12-21T09:00:00+05:30")).toBe("20261221T033000Z");
  });

  it("refuses what is not a date", () => {
    expect(() => utcStamp("tomorrow")).toThrow(RangeError);
  });
});

describe("googleCalendarUrl", () => {
  it("fills Google's template with the booking", () => {
    const url = new URL(
      googleCalendarUrl({
        title: "Beachside Resort (3F2A9C1B)",
        startsAt: "2026-12-20T15:00:00+05:30",
        endsAt: "2026-12-23T11:00:00+05:30",
        details: "Booking reference: 3F2A9C1B",
        location: "Beachside Resort, Calangute, Goa",
        timeZone: "Asia/Kolkata",
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe("https://calendar.google.com/calendar/render");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      action: "TEMPLATE",
      text: "Beachside Resort (3F2A9C1B)",
      dates: "20261220T093000Z/20261223T053000Z",
      details: "Booking reference: 3F2A9C1B",
      location: "Beachside Resort, Calangute, Goa",
      ctz: "Asia/Kolkata",
    });
  });

  it("keeps Arabic and punctuation intact through the encoding", () => {
    const url = new URL(
      googleCalendarUrl({ title: "أمسية كبار الضيوف & عشاء", startsAt: "2026-12-21T16:00:00Z", endsAt: "2026-12-21T20:00:00Z" }),
    );
    expect(url.searchParams.get("text")).toBe("أمسية كبار الضيوف & عشاء");
    expect(url.searchParams.has("details")).toBe(false);
    expect(url.searchParams.has("ctz")).toBe(false);
  });
});

describe("placeText", () => {
  it("joins the venue's parts, skipping empty ones and a city the address already says", () => {
    expect(placeText(["Corniche Arena", "North Corniche, Jeddah", "", "Jeddah"])).toBe("Corniche Arena, North Corniche, Jeddah");
    expect(placeText(["Hall", null, "Riyadh", "Riyadh"])).toBe("Hall, Riyadh");
  });
});
