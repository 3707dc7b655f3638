/**
 * Booths on a festival map: each is a rectangle in percent of the map image's width and
 * height (backend/vendors/models.py Booth.x/y/w/h), so it stays in place whatever size the
 * image is drawn at. The map is a picture: it never mirrors for Arabic, so rectangles are
 * placed from the image's left edge (not the inline start).
 */

export interface BoothPlace {
  id: number;
  code: string;
  x: number | string;
  y: number | string;
  w: number | string;
  h: number | string;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A position on the map as 0–100 (a number, or the API's decimal string; anything else is 0). */
export function percent(value: number | string | null | undefined): number {
  const number = typeof value === "number" ? value : Number.parseFloat(value ?? "");
  if (!Number.isFinite(number)) return 0;
  return Math.min(100, Math.max(0, number));
}

/** The booth's rectangle, kept inside the map and never smaller than a finger can find (1 %). */
export function boothRect(booth: Pick<BoothPlace, "x" | "y" | "w" | "h">): Rect {
  const left = percent(booth.x);
  const top = percent(booth.y);
  const width = Math.max(1, Math.min(percent(booth.w), 100 - left));
  const height = Math.max(1, Math.min(percent(booth.h), 100 - top));
  return { left: Math.min(left, 99), top: Math.min(top, 99), width, height };
}

/** Whether a booth has a place of its own on the map (a 0×0 booth at the corner has none). */
export function isPlaced(booth: Pick<BoothPlace, "x" | "y" | "w" | "h">): boolean {
  return percent(booth.w) > 0 && percent(booth.h) > 0;
}

/** Booths in reading order: by zone, then by code with numbers compared as numbers (A-2 < A-10). */
export function sortBooths<T extends { code: string; zone?: string }>(booths: readonly T[]): T[] {
  const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  return [...booths].sort(
    (a, b) => collator.compare(a.zone ?? "", b.zone ?? "") || collator.compare(a.code, b.code),
  );
}
