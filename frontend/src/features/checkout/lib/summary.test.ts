import { describe, expect, it } from "vitest";
import { fromCents } from "../../../shared/lib/money";
import { summarise, totalCents } from "./summary";

const item = (slot: number, resource: number, quantity: number, price: string, day: number) => ({
  slot,
  resource,
  resource_name: `R${resource}`,
  quantity,
  unit_price: price,
  starts_at: `2026-12-${String(day).padStart(2, "0")}T14:00:00Z`,
  ends_at: `2026-12-${String(day + 1).padStart(2, "0")}T10:00:00Z`,
});

describe("summary", () => {
  it("groups tickets by type with a subtotal", () => {
    const lines = summarise([item(2, 18, 2, "150.00", 5), item(3, 19, 1, "99.00", 5)]);
    expect(lines.map((l) => [l.name, l.units, l.unitPrice, l.subtotalCents])).toEqual([
      ["R18", 2, "150.00", 30000],
      ["R19", 1, "99.00", 9900],
    ]);
    expect(fromCents(totalCents(lines))).toBe("399.00");
  });

  it("joins a room's nights, with the first arrival and last departure", () => {
    const lines = summarise([item(12, 2, 1, "7500.00", 6), item(11, 2, 1, "7500.00", 5), item(13, 2, 1, "8000.00", 7)]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      slots: 3,
      units: 3,
      unitPrice: null,
      subtotalCents: 2_300_000,
      startsAt: "2026-12-05T14:00:00Z",
      endsAt: "2026-12-08T10:00:00Z",
    });
  });
});
