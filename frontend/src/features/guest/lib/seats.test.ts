import { describe, expect, it } from "vitest";
import { buildSeatMap, compareRows, seatLabelOf } from "./seats";
import { resource } from "./fixtures";

const seat = (id: number, row: string, number: number, section = "Grandstand") =>
  resource({ id, kind: "seat", row, number, section });

describe("the seat map", () => {
  it("groups seats by section and row, rows and numbers in order", () => {
    const map = buildSeatMap(
      [seat(1, "B", 2), seat(2, "A", 10), seat(3, "A", 2), seat(4, "B", 1), resource({ id: 9, kind: "ticket" })],
      (id) => id * 100,
    );
    expect(map).toHaveLength(1);
    expect(map[0].name).toBe("Grandstand");
    expect(map[0].rows.map((row) => row.row)).toEqual(["A", "B"]);
    expect(map[0].rows[0].seats.map((cell) => cell.label)).toEqual(["A2", "A10"]);
    expect(map[0].rows[0].seats[0].slot).toBe(300);
    expect(map[0].width).toBe(2);
  });

  it("marks an aisle where the numbering jumps", () => {
    const map = buildSeatMap([seat(1, "A", 1), seat(2, "A", 2), seat(3, "A", 5)], () => null);
    expect(map[0].rows[0].seats.map((cell) => cell.aisleBefore)).toEqual([false, false, true]);
  });

  it("keeps sections apart", () => {
    const map = buildSeatMap([seat(1, "A", 1, "North"), seat(2, "A", 1, "South")], () => null);
    expect(map.map((section) => section.name)).toEqual(["North", "South"]);
  });

  it("orders rows as venues print them", () => {
    expect(["AA", "B", "A", "Z"].sort(compareRows)).toEqual(["A", "B", "Z", "AA"]);
    expect(["10", "2", "1"].sort(compareRows)).toEqual(["1", "2", "10"]);
  });

  it("labels only real seats", () => {
    expect(seatLabelOf(seat(1, "C", 7))).toBe("C7");
    expect(seatLabelOf(resource({ id: 2, kind: "ticket" }))).toBeNull();
    expect(seatLabelOf(undefined)).toBeNull();
  });
});
