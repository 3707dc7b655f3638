import { describe, expect, it } from "vitest";
import { availabilityRange, eventHref, parseEventQuery, priceFrom, stayQuery } from "./events";

const now = new Date("2026-11-22T10:00:00Z");

describe("event cards", () => {
  it("send allowlist-only evenings to the invitation check", () => {
    expect(eventHref({ slug: "vip-evening", allowlist_only: true })).toBe("/verify?event=vip-evening");
    expect(eventHref({ slug: "summer-fest", allowlist_only: false })).toBe("/events/summer-fest");
  });

  it("show the lowest price that is not free", () => {
    expect(priceFrom([{ price: "150.00" }, { price: "99.00" }, { price: "0.00" }])).toBe("99.00");
    expect(priceFrom([{ price: "0.00" }])).toBeNull();
    expect(priceFrom([])).toBeNull();
  });
});

describe("the event page's query", () => {
  it("defaults to today and a two-night stay for two", () => {
    const query = parseEventQuery(new URLSearchParams(), "Asia/Kolkata", now);
    expect(query).toEqual({ date: "2026-11-22", checkIn: "2026-11-22", checkOut: "2026-11-24", guests: 2, rooms: [] });
  });

  it("reads a stay from the search page", () => {
    const params = new URLSearchParams(stayQuery({ checkIn: "2026-12-01", checkOut: "2026-12-04", guests: 3, rooms: [5, 6] }));
    expect(parseEventQuery(params, "Asia/Kolkata", now)).toMatchObject({
      checkIn: "2026-12-01",
      checkOut: "2026-12-04",
      guests: 3,
      rooms: [5, 6],
    });
  });

  it("refuses days in the past, beyond the window, or backwards stays", () => {
    const query = parseEventQuery(
      new URLSearchParams("date=2026-12-25&check_in=2026-11-01&check_out=2026-10-01&guests=-3"),
      "Asia/Riyadh",
      now,
    );
    expect(query.date).toBe("2026-11-22");
    expect(query.checkIn).toBe("2026-11-22");
    expect(query.checkOut).toBe("2026-11-24");
    expect(query.guests).toBe(2);
    expect(parseEventQuery(new URLSearchParams("date=2026-11-30"), "Asia/Riyadh", now).date).toBe("2026-11-30");
  });

  it("caps a stay at the longest the server takes", () => {
    const query = parseEventQuery(new URLSearchParams("check_in=2026-12-01&check_out=2027-03-01"), "Asia/Riyadh", now);
    expect(query.checkOut).toBe("2026-12-31");
  });

  it("names the range of slots to watch", () => {
    const query = parseEventQuery(new URLSearchParams("date=2026-11-23&check_in=2026-12-01&check_out=2026-12-03"), "Asia/Riyadh", now);
    expect(availabilityRange("rooms", query)).toEqual({ from: "2026-11-23", to: "2026-11-23" });
    expect(availabilityRange("stays", query)).toEqual({ from: "2026-12-01", to: "2026-12-02" });
    expect(availabilityRange("festival", query)).toBeNull();
  });
});
