import { describe, expect, it } from "vitest";
import { adjustStay } from "./stayDates";

const min = "2026-11-22";

describe("editing a stay's dates", () => {
  it("leaves a sensible stay alone", () => {
    const stay = { checkIn: "2026-11-25", checkOut: "2026-11-27", guests: 2 };
    expect(adjustStay(stay, "guests", min)).toEqual(stay);
  });

  it("moves check-out when check-in passes it", () => {
    expect(adjustStay({ checkIn: "2026-11-28", checkOut: "2026-11-27", guests: 2 }, "checkIn", min)).toMatchObject({
      checkIn: "2026-11-28",
      checkOut: "2026-11-29",
    });
  });

  it("moves check-in when check-out goes before it", () => {
    expect(adjustStay({ checkIn: "2026-11-25", checkOut: "2026-11-24", guests: 2 }, "checkOut", min)).toMatchObject({
      checkIn: "2026-11-23",
      checkOut: "2026-11-24",
    });
  });

  it("keeps stays within 30 nights and check-in from today", () => {
    expect(adjustStay({ checkIn: "2026-11-25", checkOut: "2027-01-10", guests: 2 }, "checkOut", min)).toMatchObject({
      checkIn: "2026-12-11",
    });
    expect(adjustStay({ checkIn: "2026-11-25", checkOut: "2027-01-10", guests: 2 }, "checkIn", min)).toMatchObject({
      checkOut: "2026-12-25",
    });
    expect(adjustStay({ checkIn: "2026-11-01", checkOut: "2026-11-02", guests: 2 }, "checkIn", min)).toMatchObject({
      checkIn: "2026-11-22",
      checkOut: "2026-11-23",
    });
  });
});
