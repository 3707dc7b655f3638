import { describe, expect, it } from "vitest";
import type { SeatSectionInfo } from "../../../api/schema";
import { resource } from "./fixtures";
import { buildSeatMap, priceTiers, tierOf } from "./seats";
import {
  AISLE,
  PITCH,
  ROW_LABEL,
  SEAT,
  clampView,
  fitScale,
  fitView,
  layoutSeatMap,
  revealSeat,
  rowEnd,
  seatInDirection,
  seatKey,
  zoomAt,
} from "./seatMap";
import type { PlacedSeat } from "./seatMap";

let nextId = 1;
const seats = (section: string, rows: string, perRow: number, price: string) =>
  [...rows].flatMap((row) =>
    Array.from({ length: perRow }, (_, index) =>
      resource({ id: nextId++, kind: "seat", section, row, number: index + 1, price }),
    ),
  );

const info = (name: string, overrides: Partial<SeatSectionInfo> = {}): SeatSectionInfo => ({
  name,
  label: name,
  tier: "",
  price: null,
  rank: 1,
  map_row: 0,
  sort_order: 0,
  aisles_after: [],
  ...overrides,
});

// The demo arena in small: a floor with an aisle after 3, two terraces side by side below it.
const described = [
  info("Floor", { tier: "Gold", rank: 1, aisles_after: [3] }),
  info("West", { tier: "Silver", rank: 2, map_row: 1, sort_order: 0 }),
  info("East", { tier: "Silver", rank: 2, map_row: 1, sort_order: 1 }),
];
const arena = buildSeatMap(
  [...seats("East", "AB", 4, "300.00"), ...seats("Floor", "AB", 6, "450.00"), ...seats("West", "AB", 4, "300.00")],
  (id) => id,
  described,
);
const layout = layoutSeatMap(arena);
const at = (section: string, label: string): PlacedSeat =>
  layout.seats.find((placed) => placed.seat.section === section && placed.seat.label === label)!;

describe("sections and tiers", () => {
  it("orders sections as the event describes them, with their tier and a declared aisle", () => {
    expect(arena.map((s) => [s.name, s.tier, s.mapRow])).toEqual([
      ["Floor", "Gold", 0],
      ["West", "Silver", 1],
      ["East", "Silver", 1],
    ]);
    expect(arena[0].rows[0].seats.map((seat) => seat.aisleBefore)).toEqual([false, false, false, true, false, false]);
  });

  it("puts a section nobody described after the others, in a band of its own", () => {
    const map = buildSeatMap([...seats("Annex", "A", 2, "50.00"), ...seats("Floor", "A", 2, "450.00")], () => null, described);
    expect(map.map((s) => [s.name, s.mapRow, s.rank])).toEqual([
      ["Floor", 0, 1],
      ["Annex", 2, 10_000],
    ]);
  });

  it("lists price tiers dearest first, with their sections", () => {
    const tiers = priceTiers(arena);
    expect(tiers.map((tier) => [tier.name, tier.low, tier.high, tier.sections, tier.index])).toEqual([
      ["Gold", "450.00", "450.00", ["Floor"], 0],
      ["Silver", "300.00", "300.00", ["West", "East"], 1],
    ]);
    expect(tierOf(tiers, arena[2])?.name).toBe("Silver");
  });
});

describe("the map's geometry", () => {
  it("leaves an aisle's width of space and a row letter on both sides", () => {
    const a3 = at("Floor", "A3");
    const a4 = at("Floor", "A4");
    expect(a4.x - a3.x).toBe(PITCH + AISLE);
    const row = layout.sections[0].rows[0];
    expect(at("Floor", "A1").x - row.labelStart).toBe(ROW_LABEL);
    expect(row.labelEnd - (at("Floor", "A6").x + SEAT)).toBeGreaterThanOrEqual(0);
  });

  it("stacks bands under the stage and sets a band's sections side by side, centred", () => {
    const [floor, west, east] = layout.sections;
    expect(floor.y).toBeGreaterThan(layout.stage.y + layout.stage.height);
    expect(west.y).toBeGreaterThanOrEqual(floor.y + floor.height);
    expect(west.y).toBe(east.y);
    expect(east.x).toBeGreaterThan(west.x + west.width);
    expect(west.x).toBeCloseTo(layout.width - (east.x + east.width));
    expect(layout.width).toBe(Math.max(floor.width, east.x + east.width - west.x));
    expect(layout.seats).toHaveLength(12 + 8 + 8);
  });
});

describe("zoom and pan", () => {
  const viewport = { width: 350, height: 500 };

  it("fits the whole map to a phone's width, never enlarging past 1", () => {
    const scale = fitScale({ width: 764, height: 700 }, 350);
    expect(scale).toBeCloseTo((350 - 16) / 764);
    expect(fitScale({ width: 200, height: 100 }, 1000)).toBe(1);
    const view = fitView(layout, viewport);
    expect(view.x).toBeGreaterThanOrEqual(0);
    expect(view.x + layout.width * view.scale).toBeLessThanOrEqual(viewport.width);
  });

  it("zooms around a point, keeping what is under it in place", () => {
    const view = { scale: 0.5, x: 10, y: 20 };
    const point = { x: 100, y: 80 };
    const zoomed = zoomAt(view, 2, point);
    expect(zoomed.scale).toBe(1);
    // The plane's point under (100, 80) before and after is the same.
    expect((point.x - view.x) / view.scale).toBeCloseTo((point.x - zoomed.x) / zoomed.scale);
    expect((point.y - view.y) / view.scale).toBeCloseTo((point.y - zoomed.y) / zoomed.scale);
  });

  it("keeps the map within reach and the scale within bounds", () => {
    const size = { width: 1000, height: 800 };
    const lost = clampView({ scale: 1, x: -5000, y: 4000 }, size, viewport, 0.3);
    expect(lost.x).toBe(viewport.width - size.width - 8);
    expect(lost.y).toBe(8);
    expect(clampView({ scale: 99, x: 0, y: 0 }, size, viewport, 0.3).scale).toBe(2.5);
    const small = clampView({ scale: 0.1, x: 0, y: 0 }, size, viewport, 0.3);
    expect(small.scale).toBe(0.3);
    expect(small.x).toBeCloseTo((viewport.width - 300) / 2); // centred where it fits
  });

  it("moves the view just enough to show a seat that has focus", () => {
    const view = { scale: 1, x: 0, y: 0 };
    const moved = revealSeat(view, { x: 500, y: 10 }, viewport);
    expect(moved.x).toBe(viewport.width - 8 - 500 - SEAT);
    expect(revealSeat(view, { x: 20, y: 20 }, viewport)).toEqual(view);
  });
});

describe("the arrow keys", () => {
  it("go along a row across an aisle, and on into the next section of the band", () => {
    expect(seatInDirection(layout.seats, at("Floor", "A3"), "right")?.seat.label).toBe("A4");
    expect(seatInDirection(layout.seats, at("Floor", "A1"), "left")).toBeNull();
    const next = seatInDirection(layout.seats, at("West", "A4"), "right")!;
    expect([next.seat.section, next.seat.label]).toEqual(["East", "A1"]);
  });

  it("go up and down to the nearest row, the seat most nearly in line", () => {
    expect(seatInDirection(layout.seats, at("Floor", "A5"), "down")?.seat.label).toBe("B5");
    expect(seatInDirection(layout.seats, at("Floor", "B5"), "up")?.seat.label).toBe("A5");
    const below = seatInDirection(layout.seats, at("Floor", "B1"), "down")!;
    expect([below.seat.section, below.seat.row]).toEqual(["West", "A"]);
    expect(seatInDirection(layout.seats, at("West", "B2"), "down")).toBeNull();
  });

  it("Home and End go to the row's ends; keys are unique across sections", () => {
    expect(rowEnd(layout.seats, at("Floor", "A3"), "start").seat.label).toBe("A1");
    expect(rowEnd(layout.seats, at("Floor", "A3"), "end").seat.label).toBe("A6");
    expect(seatKey(at("West", "A1").seat)).not.toBe(seatKey(at("East", "A1").seat));
  });
});
