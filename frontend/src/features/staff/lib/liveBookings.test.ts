import { describe, expect, it } from "vitest";
import type { Booking, BookingPage } from "../../../api/schema";
import { applyBooking, applySnapshot, boardOf, bookingsOf, columnOf, upsert } from "./liveBookings";

const day = (iso: string) => iso.slice(0, 10);
function booking(id: string, status: string, start = "2026-12-08T05:00:00Z"): Booking {
  return {
    id,
    event: "repair-shop",
    status,
    reference: id.toUpperCase(),
    items: [{ slot: 1, resource: 1, resource_name: "Bay", starts_at: start, ends_at: start, quantity: 1, unit_price: "0", total: "0" }],
  } as unknown as Booking;
}
const page = (results: Booking[]): BookingPage =>
  ({ ok: true, count: results.length, page: 1, page_size: 20, pages: 1, results }) as BookingPage;
const none = { status: "" as const, date: "", search: "", page: 1 };

describe("live bookings", () => {
  it("reads frames and snapshots", () => {
    expect(bookingsOf({ results: [booking("a", "confirmed")] })).toHaveLength(1);
    expect(bookingsOf({ booking: booking("a", "confirmed") })).toHaveLength(1);
    expect(bookingsOf(booking("a", "confirmed"))).toHaveLength(1);
    expect(bookingsOf(null)).toEqual([]);
  });

  it("replaces a booking in place and adds a new one on an unfiltered first page", () => {
    const start = page([booking("a", "confirmed"), booking("b", "confirmed")]);
    const changed = applyBooking(start, booking("b", "in_progress"), none, day);
    expect(changed.results.map((row) => row.status)).toEqual(["confirmed", "in_progress"]);
    const added = applyBooking(start, booking("c", "confirmed"), none, day);
    expect(added.results.map((row) => row.id)).toEqual(["c", "a", "b"]);
    expect(added.count).toBe(3);
  });

  it("keeps a new booking off a page whose filters it does not match", () => {
    const start = page([booking("a", "confirmed")]);
    expect(applyBooking(start, booking("c", "cancelled"), { ...none, status: "confirmed" }, day)).toBe(start);
    expect(applyBooking(start, booking("c", "confirmed"), { ...none, date: "2026-12-09" }, day)).toBe(start);
    expect(applyBooking(start, booking("c", "confirmed"), { ...none, page: 2 }, day)).toBe(start);
  });

  it("takes the snapshot only for the unfiltered first page", () => {
    const start = page([booking("a", "confirmed")]);
    expect(applySnapshot(start, [booking("z", "confirmed")], none)!.results[0].id).toBe("z");
    expect(applySnapshot(start, [booking("z", "confirmed")], { ...none, status: "confirmed" })).toBe(start);
  });
});

describe("the job board", () => {
  it("puts today's jobs in their columns by start time", () => {
    const list = [
      booking("late", "confirmed", "2026-12-08T09:00:00Z"),
      booking("early", "confirmed", "2026-12-08T04:00:00Z"),
      booking("bay", "in_progress"),
      booking("gone", "no_show"),
      booking("tomorrow", "confirmed", "2026-12-09T05:00:00Z"),
      booking("waiting", "pending_payment"),
    ];
    const board = boardOf(list, "2026-12-08", day);
    expect(board.confirmed.map((b) => b.id)).toEqual(["early", "late"]);
    expect(board.in_progress.map((b) => b.id)).toEqual(["bay"]);
    expect(board.closed.map((b) => b.id)).toEqual(["gone"]);
    expect(columnOf("pending_payment")).toBeNull();
    expect(upsert(list, booking("bay", "completed")).find((b) => b.id === "bay")!.status).toBe("completed");
    expect(upsert([], booking("new", "confirmed"))).toHaveLength(1);
  });
});
