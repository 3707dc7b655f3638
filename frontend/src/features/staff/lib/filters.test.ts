import { describe, expect, it } from "vitest";
import {
  bookingIdIn,
  bookingsPath,
  filtersFromParams,
  filtersToParams,
  normaliseSearch,
} from "./filters";

describe("filters in the address", () => {
  it("round-trips", () => {
    const filters = filtersFromParams(new URLSearchParams("status=confirmed&date=2026-12-22&q=Sara&page=3"));
    expect(filters).toEqual({ status: "confirmed", date: "2026-12-22", search: "Sara", page: 3 });
    expect(filtersToParams(filters).toString()).toBe("status=confirmed&date=2026-12-22&q=Sara&page=3");
  });

  it("drops what makes no sense", () => {
    expect(filtersFromParams(new URLSearchParams("status=nope&date=22/12&page=-2"))).toEqual({
      status: "",
      date: "",
      search: "",
      page: 1,
    });
    expect(filtersToParams({ status: "", date: "", search: "  ", page: 1 }).toString()).toBe("");
  });
});

describe("bookingsPath", () => {
  it("asks the staff API for one event", () => {
    const path = bookingsPath("repair-shop", { status: "pending_payment", date: "", search: " ٠٥٥ ", page: 2 });
    const url = new URL(path, "http://x");
    expect(url.pathname).toBe("/api/staff/bookings/");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      event: "repair-shop",
      page: "2",
      page_size: "20",
      status: "pending_payment",
      search: "055",
    });
  });

  it("normalises what was typed", () => {
    expect(normaliseSearch("  Sara   Ali ")).toBe("Sara Ali");
  });
});

describe("ids", () => {
  it("recognises a pasted booking id", () => {
    expect(bookingIdIn(" 9B2F4C1E-2D3A-4B5C-8D9E-0F1A2B3C4D5E ")).toBe("9b2f4c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e");
    expect(bookingIdIn("Sara")).toBeNull();
  });
});
