import { describe, expect, it } from "vitest";
import {
  barPercent,
  exportFileName,
  exportPath,
  figuresPath,
  figuresQuery,
  isHour,
  jobColumns,
  largest,
  nextStatus,
  soldShare,
} from "./figures";
import type { Job } from "./figures";

const job = (status: string, id = status): Job => ({
  id,
  reference: id.toUpperCase(),
  name: "Ravi",
  phone: "",
  status,
  payment_status: "due",
  amount: "10.00",
  starts_at: "2026-12-02T04:30:00Z",
  ends_at: "2026-12-02T05:30:00Z",
  location: "shop",
  vehicle: "Honda City",
  vehicle_type: "Car",
  services: [],
});

describe("bars", () => {
  it("scales to the largest value and keeps a sliver visible", () => {
    expect(barPercent(5, 10)).toBe(50);
    expect(barPercent(10, 10)).toBe(100);
    expect(barPercent(12, 10)).toBe(100);
    expect(barPercent(1, 1000)).toBe(1);
    expect(barPercent(0, 10)).toBe(0);
    expect(barPercent(3, 0)).toBe(0);
    expect(barPercent(Number.NaN, 10)).toBe(0);
  });

  it("finds the largest value", () => {
    expect(largest([2, 9, 4])).toBe(9);
    expect(largest([])).toBe(0);
  });

  it("gives the share sold of a ticket type", () => {
    expect(soldShare({ sold: 3, capacity: 12 })).toBe(0.25);
    expect(soldShare({ sold: 3, capacity: 0 })).toBe(0);
  });
});

describe("paths", () => {
  it("asks for the figures and the export with only the filters given", () => {
    expect(figuresPath("fest")).toBe("/api/staff/dashboard/?event=fest");
    expect(figuresPath("resort", { date_from: "2026-12-01", day: "" })).toBe(
      "/api/staff/dashboard/?event=resort&date_from=2026-12-01",
    );
    expect(exportPath("fest", { date_from: "", date_to: "2026-12-31", status: "confirmed" }, "ar")).toBe(
      "/api/staff/bookings/export.csv?event=fest&date_to=2026-12-31&status=confirmed&lang=ar",
    );
    expect(exportFileName("fest", "2026-12-02")).toBe("bookings-fest-2026-12-02.csv");
  });

  it("asks for what the business and the choices need", () => {
    expect(figuresQuery("festival", "", null)).toEqual({});
    expect(figuresQuery("vip", "", "2026-12-02")).toEqual({
      granularity: "hour",
      date_from: "2026-12-02",
      date_to: "2026-12-02",
    });
    expect(figuresQuery("stays", "2026-12-05", "2026-12-02")).toEqual({ date_from: "2026-12-05" });
    expect(figuresQuery("rooms", "", null)).toEqual({});
    expect(figuresQuery("service", "2026-12-05", "2026-12-02")).toEqual({ day: "2026-12-05" });
    expect(figuresQuery("service", "", null)).toEqual({});
    expect(figuresPath("fest", figuresQuery("festival", "", "2026-12-02"))).toBe(
      "/api/staff/dashboard/?event=fest&granularity=hour&date_from=2026-12-02&date_to=2026-12-02",
    );
  });
});

describe("the job board", () => {
  it("puts waiting with booked and cancelled with no-show", () => {
    const columns = jobColumns({
      pending_payment: [job("pending_payment")],
      confirmed: [job("confirmed")],
      in_progress: [job("in_progress")],
      no_show: [job("no_show")],
      cancelled: [job("cancelled")],
    });
    expect(columns.confirmed.map((j) => j.status)).toEqual(["pending_payment", "confirmed"]);
    expect(columns.in_progress).toHaveLength(1);
    expect(columns.completed).toEqual([]);
    expect(columns.closed.map((j) => j.status)).toEqual(["no_show", "cancelled"]);
    expect(jobColumns(undefined).confirmed).toEqual([]);
  });

  it("moves a job along one step", () => {
    expect(nextStatus("confirmed")).toBe("in_progress");
    expect(nextStatus("in_progress")).toBe("completed");
    expect(nextStatus("completed")).toBeNull();
  });

  it("tells an hour from a day", () => {
    expect(isHour("2026-12-02T13:00")).toBe(true);
    expect(isHour("2026-12-02")).toBe(false);
  });
});
