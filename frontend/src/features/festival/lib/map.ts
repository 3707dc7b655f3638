/**
 * Places on the festival map, in percent of the picture's width and height from its top
 * left corner (a picture does not mirror for Arabic): kept on the map, and a booth never
 * smaller than a finger can find.
 */

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function percent(value: number | null | undefined): number {
  return typeof value === "number" && Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
}

/** A booth's rectangle, inside the map and at least 1 % each way. */
export function boothRect(booth: { x: number; y: number; w: number; h: number }): Rect {
  const left = Math.min(percent(booth.x), 99);
  const top = Math.min(percent(booth.y), 99);
  return {
    left,
    top,
    width: Math.max(1, Math.min(percent(booth.w), 100 - left)),
    height: Math.max(1, Math.min(percent(booth.h), 100 - top)),
  };
}

/** Whether a booth has a place of its own (a 0 × 0 booth has none). */
export function isPlaced(booth: { w: number; h: number }): boolean {
  return percent(booth.w) > 0 && percent(booth.h) > 0;
}
