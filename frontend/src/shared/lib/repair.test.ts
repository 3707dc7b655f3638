import { describe, expect, it } from "vitest";
import { memoryStorage } from "./memoryStorage";
import {
  areaCheck,
  loadOrder,
  saveOrder,
  serviceTermsOf,
  jobOf,
  slotMinutesOf,
  slotsNeeded,
  startOptions,
  totalCents,
  workMinutes,
} from "./repair";
import type { SlotLike } from "./repair";

const hour = (resource: number, id: number, h: number): SlotLike => ({
  id,
  resource,
  starts_at: `2026-12-08T${String(h).padStart(2, "0")}:00:00Z`,
  ends_at: `2026-12-08T${String(h + 1).padStart(2, "0")}:00:00Z`,
});

describe("work time and slots", () => {
  it("adds travel only for a home visit with work", () => {
    expect(workMinutes([90, 30], "shop", 30)).toBe(120);
    expect(workMinutes([90, 30], "home", 30)).toBe(150);
    expect(workMinutes([], "home", 30)).toBe(0);
  });
  it("rounds up to whole slots", () => {
    expect(slotsNeeded(0, 60)).toBe(0);
    expect(slotsNeeded(20, 60)).toBe(1);
    expect(slotsNeeded(60, 60)).toBe(1);
    expect(slotsNeeded(61, 60)).toBe(2);
    expect(slotsNeeded(150, 60)).toBe(3);
    expect(slotMinutesOf(hour(1, 1, 9))).toBe(60);
  });
});

describe("startOptions", () => {
  const lane = [9, 10, 11, 12, 13].map((h) => hour(7, h, h));
  const now = Date.parse("2026-12-08T00:00:00Z");

  it("offers a start only when every slot it needs has a bay free", () => {
    const busy = new Set([11]);
    const options = startOptions(lane, 2, (id) => !busy.has(id), now);
    expect(options.map((o) => o.slots)).toEqual([
      [9, 10],
      [12, 13],
    ]);
    expect(options[0].ends_at).toBe("2026-12-08T11:00:00Z");
  });

  it("needs back-to-back slots (a gap breaks the run)", () => {
    const gappy = [hour(7, 9, 9), hour(7, 11, 11), hour(7, 12, 12)];
    expect(startOptions(gappy, 2, () => true, now).map((o) => o.slots)).toEqual([[11, 12]]);
  });

  it("skips starts already past and runs longer than the day", () => {
    const later = Date.parse("2026-12-08T10:30:00Z");
    expect(startOptions(lane, 2, () => true, later).map((o) => o.start.id)).toEqual([11, 12]);
    expect(startOptions(lane, 6, () => true, now)).toEqual([]);
    expect(startOptions(lane, 0, () => true, now)).toEqual([]);
  });

  it("keeps one option per start time across resources, sorted", () => {
    const other = [10, 11].map((h) => hour(8, 100 + h, h));
    const options = startOptions([...other, ...lane], 1, (id) => id !== 10, now);
    expect(options.map((o) => o.start.starts_at.slice(11, 13))).toEqual(["09", "10", "11", "12", "13"]);
    expect(options[1].slots).toEqual([110]);
  });
});

describe("totalCents", () => {
  const prices = [
    { id: 1, price: "749.00" },
    { id: 2, price: "349.10" },
    { id: 3, price: "0.20" },
  ];
  it("adds the chosen services in cents and the home fee at home", () => {
    expect(totalCents(prices, [1, 2], "199.00", "shop")).toBe(109810);
    expect(totalCents(prices, [1, 2], "199.00", "home")).toBe(129710);
    expect(totalCents(prices, [3, 99], null, "home")).toBe(20);
    expect(totalCents(prices, [], "199.00", "shop")).toBe(0);
  });
});

describe("areaCheck", () => {
  const area = ["Bengaluru", "560038"];
  it("accepts the city or the postcode, ignoring case and spaces", () => {
    expect(areaCheck(area, " bengaluru ", "")).toBe("inside");
    expect(areaCheck(area, "Mysuru", "560 038")).toBe("inside");
    expect(areaCheck(area, "Mysuru", "٥٦٠٠٣٨")).toBe("inside");
    expect(areaCheck(area, "Mysuru", "570001")).toBe("outside");
    expect(areaCheck(area, "", "")).toBe("empty");
    expect(areaCheck([], "Anywhere", "")).toBe("inside");
  });
});

describe("the order between pages", () => {
  it("is kept per hold and read back", () => {
    const storage = memoryStorage();
    const order = {
      event: "repair-shop",
      vehicleModel: 1,
      vehicleLabel: "Honda Activa 6G",
      services: [{ id: 1, name: "General service", price: "749.00" }],
      location: "shop" as const,
      city: "",
      postcode: "",
      homeFee: null,
      currency: "INR",
    };
    saveOrder(storage, "h1", order);
    expect(loadOrder(storage, "h1")).toEqual(order);
    expect(loadOrder(storage, "h2")).toBeNull();
    storage.setItem("gh.repair.h3", "{bad");
    expect(loadOrder(storage, "h3")).toBeNull();
  });
});

describe("serviceTermsOf", () => {
  it("reads the new fields when present, and safe defaults when not", () => {
    expect(serviceTermsOf({})).toEqual({
      payAtVenue: false,
      homeVisitFee: null,
      travelMinutes: 0,
      serviceArea: [],
      venueId: null,
    });
    expect(
      serviceTermsOf({
        pay_at_venue: true,
        home_visit_fee: "199.00",
        home_visit_travel_minutes: 30,
        service_area: ["Bengaluru", 5],
        venue: { id: 3 },
      }),
    ).toEqual({ payAtVenue: true, homeVisitFee: "199.00", travelMinutes: 30, serviceArea: ["Bengaluru"], venueId: 3 });
  });
});

describe("jobOf", () => {
  it("reads the job card from a booking, missing fields empty", () => {
    const job = jobOf({
      details: {
        vehicle: { type: "Motorcycle", brand: "Bajaj", model: "Pulsar 150" },
        location: "home",
        address: "12 MG Road",
        city: "Bengaluru",
        postcode: "560038",
        notes: "Squeaky brakes",
      },
      lines: [{ id: 4, kind: "service", service: 1, name: "General service", amount: "749.00" }],
      payment_status: "due",
    });
    expect(job.vehicle).toBe("Motorcycle · Bajaj Pulsar 150");
    expect(job.location).toBe("home");
    expect(job.lines).toEqual([{ id: 4, kind: "service", service: 1, name: "General service", amount: "749.00" }]);
    expect(job.paymentStatus).toBe("due");
    expect(jobOf({ details: {} })).toMatchObject({ vehicle: "", lines: [], paymentStatus: "", location: "" });
  });
});
