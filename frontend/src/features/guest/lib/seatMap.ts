/**
 * The seat map's geometry, view and keyboard, as plain functions (the component only draws):
 *
 * - `layoutSeatMap` places every section on a plane in map units: the stage on top, then the
 *   bands (a section's `mapRow`, 0 nearest the stage) each centred, sections side by side in
 *   a band, a row letter on both sides of every row and a wider gap at each aisle;
 * - `fitView`, `zoomAt`, `panBy` and `clampView` are the zoom and pan: a scale and an offset
 *   of the plane inside the viewport, never lost off screen;
 * - `seatInDirection` is where an arrow key goes: the nearest seat that way on the plane, so
 *   it crosses aisles and moves between sections as the eye would.
 *
 * The plane keeps the venue's geometry in both languages (left is the stage's left).
 */
import type { SeatCell, SeatSection } from "./seats";

export const SEAT = 30;
export const SEAT_GAP = 4;
export const PITCH = SEAT + SEAT_GAP;
export const AISLE = 18;
export const ROW_LABEL = 26;
export const SECTION_HEAD = 30;
export const SECTION_GAP = 30;
export const BAND_GAP = 26;
export const STAGE_HEIGHT = 34;
export const STAGE_GAP = 24;

export interface PlacedSeat {
  seat: SeatCell;
  /** The seat's top-left corner on the plane. */
  x: number;
  y: number;
  section: number;
}

export interface PlacedRow {
  row: string;
  y: number;
  /** Where its two row letters sit (their left edges). */
  labelStart: number;
  labelEnd: number;
}

export interface PlacedSection {
  section: SeatSection;
  x: number;
  y: number;
  width: number;
  height: number;
  rows: PlacedRow[];
}

export interface SeatLayout {
  width: number;
  height: number;
  stage: { x: number; y: number; width: number; height: number };
  sections: PlacedSection[];
  seats: PlacedSeat[];
}

/** A row's seats from its first letter: each seat's offset, and the row's whole width. */
function rowGeometry(seats: readonly SeatCell[]): { offsets: number[]; width: number } {
  const offsets: number[] = [];
  let x = ROW_LABEL;
  seats.forEach((seat, index) => {
    if (index > 0) x += PITCH + (seat.aisleBefore ? AISLE : 0);
    offsets.push(x);
  });
  const width = seats.length ? x + SEAT + SEAT_GAP + ROW_LABEL : 2 * ROW_LABEL;
  return { offsets, width };
}

export function layoutSeatMap(sections: readonly SeatSection[]): SeatLayout {
  const bands = new Map<number, SeatSection[]>();
  for (const section of sections) {
    const band = bands.get(section.mapRow) ?? [];
    band.push(section);
    bands.set(section.mapRow, band);
  }
  const ordered = [...bands].sort(([a], [b]) => a - b).map(([, band]) => band);
  // Sizes first: a section is as wide as its widest row, as tall as its rows.
  const sized = ordered.map((band) =>
    band
      .slice()
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((section) => {
        const rows = section.rows.map((row) => ({ row, ...rowGeometry(row.seats) }));
        const width = Math.max(2 * ROW_LABEL, ...rows.map((row) => row.width));
        return { section, rows, width, height: SECTION_HEAD + section.rows.length * PITCH };
      }),
  );
  const bandWidths = sized.map(
    (band) => band.reduce((sum, s) => sum + s.width, 0) + Math.max(0, band.length - 1) * SECTION_GAP,
  );
  const width = Math.max(0, ...bandWidths);
  const placedSections: PlacedSection[] = [];
  const seats: PlacedSeat[] = [];
  let y = STAGE_HEIGHT + STAGE_GAP;
  sized.forEach((band, bandIndex) => {
    let x = (width - bandWidths[bandIndex]) / 2;
    for (const block of band) {
      const index = placedSections.length;
      const rows: PlacedRow[] = block.rows.map(({ row, offsets, width: rowWidth }, rowIndex) => {
        const rowX = x + (block.width - rowWidth) / 2; // shorter rows sit in the middle
        const rowY = y + SECTION_HEAD + rowIndex * PITCH;
        row.seats.forEach((seat, seatIndex) => {
          seats.push({ seat, x: rowX + offsets[seatIndex], y: rowY, section: index });
        });
        return { row: row.row, y: rowY, labelStart: rowX, labelEnd: rowX + rowWidth - ROW_LABEL };
      });
      placedSections.push({ section: block.section, x, y, width: block.width, height: block.height, rows });
      x += block.width + SECTION_GAP;
    }
    y += Math.max(0, ...band.map((block) => block.height)) + BAND_GAP;
  });
  const height = Math.max(STAGE_HEIGHT, y - BAND_GAP);
  const stageWidth = Math.min(width, Math.max(160, width * 0.6));
  return {
    width,
    height,
    stage: { x: (width - stageWidth) / 2, y: 0, width: stageWidth, height: STAGE_HEIGHT },
    sections: placedSections,
    seats,
  };
}

// --- zoom and pan ---------------------------------------------------------------------------

/** The plane's scale and where its top-left corner sits in the viewport (CSS pixels). */
export interface View {
  scale: number;
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export const MAX_SCALE = 2.5;
export const ZOOM_STEP = 1.4;
const MARGIN = 8;

/** The scale at which the whole plane fits the viewport's width (and `maxHeight`, if given). */
export function fitScale(layout: Size, viewportWidth: number, maxHeight = Infinity): number {
  if (layout.width <= 0 || viewportWidth <= 0) return 1;
  const across = (viewportWidth - 2 * MARGIN) / layout.width;
  const down = (maxHeight - 2 * MARGIN) / layout.height;
  return Math.max(0.05, Math.min(1, across, down));
}

/** The whole plane in view, centred. */
export function fitView(layout: Size, viewport: Size): View {
  const scale = fitScale(layout, viewport.width, viewport.height);
  return {
    scale,
    x: (viewport.width - layout.width * scale) / 2,
    y: Math.max(MARGIN, (viewport.height - layout.height * scale) / 2),
  };
}

/** Keep the plane within reach: centred along an axis where it fits, else no gap at an edge. */
export function clampView(view: View, layout: Size, viewport: Size, minScale: number): View {
  const scale = Math.min(MAX_SCALE, Math.max(minScale, view.scale));
  const axis = (offset: number, content: number, room: number) => {
    const size = content * scale;
    if (size + 2 * MARGIN <= room) return (room - size) / 2;
    return Math.min(MARGIN, Math.max(room - size - MARGIN, offset));
  };
  return {
    scale,
    x: axis(view.x, layout.width, viewport.width),
    y: axis(view.y, layout.height, viewport.height),
  };
}

/** Zoom by `factor` keeping the plane's point under `at` (viewport coordinates) in place. */
export function zoomAt(view: View, factor: number, at: { x: number; y: number }): View {
  const scale = view.scale * factor;
  const ratio = scale / view.scale;
  return { scale, x: at.x - (at.x - view.x) * ratio, y: at.y - (at.y - view.y) * ratio };
}

export function panBy(view: View, dx: number, dy: number): View {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** The view moved just enough that a seat is inside the viewport (for keyboard focus). */
export function revealSeat(view: View, seat: { x: number; y: number }, viewport: Size): View {
  const left = view.x + seat.x * view.scale;
  const top = view.y + seat.y * view.scale;
  const size = SEAT * view.scale;
  let { x, y } = view;
  if (left < MARGIN) x += MARGIN - left;
  else if (left + size > viewport.width - MARGIN) x -= left + size - (viewport.width - MARGIN);
  if (top < MARGIN) y += MARGIN - top;
  else if (top + size > viewport.height - MARGIN) y -= top + size - (viewport.height - MARGIN);
  return { ...view, x, y };
}

// --- keyboard -------------------------------------------------------------------------------

export type Direction = "left" | "right" | "up" | "down";

/**
 * The seat an arrow key moves to from `from`: left and right along the row (across an aisle,
 * then on into the next section of the band), up and down to the nearest row that way and the
 * seat nearest straight above or below. Null at the map's edge.
 */
export function seatInDirection(seats: readonly PlacedSeat[], from: PlacedSeat, direction: Direction): PlacedSeat | null {
  const half = PITCH / 2;
  let best: PlacedSeat | null = null;
  let bestScore = Infinity;
  for (const candidate of seats) {
    if (candidate === from) continue;
    const dx = candidate.x - from.x;
    const dy = candidate.y - from.y;
    let score: number;
    if (direction === "left" || direction === "right") {
      if (Math.abs(dy) >= half || (direction === "left" ? dx >= 0 : dx <= 0)) continue;
      score = Math.abs(dx);
    } else {
      if (direction === "up" ? dy > -half : dy < half) continue;
      // The nearest row first, then the seat most nearly straight above or below.
      score = Math.abs(dy) * 10_000 + Math.abs(dx);
    }
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}

/** The first or last seat of `from`'s row (Home and End). */
export function rowEnd(seats: readonly PlacedSeat[], from: PlacedSeat, end: "start" | "end"): PlacedSeat {
  const row = seats.filter((s) => s.section === from.section && s.seat.row === from.seat.row);
  return row.reduce((a, b) => ((end === "start" ? b.x < a.x : b.x > a.x) ? b : a), from);
}

export const KEY_DIRECTIONS: Record<string, Direction> = {
  ArrowLeft: "left",
  ArrowRight: "right",
  ArrowUp: "up",
  ArrowDown: "down",
};

/** A seat's key, unique across sections: what `data-key` and focus tracking use. */
export function seatKey(seat: SeatCell): string {
  return `${seat.section}|${seat.label}`;
}
