import { describe, expect, it } from "vitest";
import { isPriced, slotState, upcomingSlots } from "./availability";
import type { Slot } from "../../../api/schema";

function slot(id: number, available: number, version: number, startsAt = "2026-11-29T16:00:00Z"): Slot {
  const start = Date.parse(startsAt);
  return {
    id,
    resource: 1,
    starts_at: new Date(start).toISOString(),
    ends_at: new Date(start + 30 * 60_000).toISOString(),
    capacity: 8,
    available,
    version,
    price: "0.00",
  };
}

describe("arrival times", () => {
  it("lists those not over yet, earliest first", () => {
    const late = slot(2, 8, 0, "2026-11-29T17:00:00Z");
    const early = slot(1, 8, 0, "2026-11-29T16:00:00Z");
    const past = slot(3, 8, 0, "2020-01-01T16:00:00Z");
    expect(upcomingSlots([late, past, early], Date.parse("2026-01-01")).map((s) => s.id)).toEqual([1, 2]);
  });

  it("says open, few or full in words (not only colour)", () => {
    expect(slotState({ available: 8, capacity: 8 })).toBe("open");
    expect(slotState({ available: 2, capacity: 8 })).toBe("few");
    expect(slotState({ available: 3, capacity: 100 })).toBe("few");
    expect(slotState({ available: 4, capacity: 100 })).toBe("open");
    expect(slotState({ available: 0, capacity: 8 })).toBe("full");
  });

  it("knows a free slot from a priced one", () => {
    expect(isPriced("0.00")).toBe(false);
    expect(isPriced("150.00")).toBe(true);
    expect(isPriced(undefined)).toBe(false);
    expect(isPriced("nope")).toBe(false);
  });
});
