/** The seat map: numbered seats grouped by section and row, in the order a venue prints them. */
import type { Resource } from "../../../api/schema";

export interface SeatCell {
  resource: number;
  /** The slot to hold for this seat (null: not bookable at the chosen time). */
  slot: number | null;
  row: string;
  number: number;
  /** "A12": what the ticket and the seat itself say. */
  label: string;
  price: string;
  /** A gap in the numbering before this seat (an aisle). */
  aisleBefore: boolean;
}

export interface SeatRow {
  row: string;
  seats: SeatCell[];
}

export interface SeatSection {
  name: string;
  rows: SeatRow[];
  /** The most seats in a row: the map's width. */
  width: number;
}

export function isSeat(resource: Resource): boolean {
  return resource.kind === "seat" && Boolean(resource.row) && resource.number !== null;
}

export function seatLabel(row: string, number: number): string {
  return `${row}${number}`;
}

/** Rows in venue order: A … Z, then AA, AB …; numeric rows by value. */
export function compareRows(a: string, b: string): number {
  const numericA = /^\d+$/.test(a);
  const numericB = /^\d+$/.test(b);
  if (numericA && numericB) return Number(a) - Number(b);
  if (numericA !== numericB) return numericA ? -1 : 1;
  return a.length - b.length || a.localeCompare(b, "en");
}

/**
 * Group seat resources by section, then row, seats by number. `slotOf` names the slot of
 * each seat resource (one per seat for a single performance).
 */
export function buildSeatMap(
  resources: readonly Resource[],
  slotOf: (resourceId: number) => number | null,
): SeatSection[] {
  const sections = new Map<string, Map<string, SeatCell[]>>();
  for (const resource of resources) {
    if (!isSeat(resource)) continue;
    const sectionName = resource.section || "";
    let rows = sections.get(sectionName);
    if (!rows) sections.set(sectionName, (rows = new Map()));
    let seats = rows.get(resource.row);
    if (!seats) rows.set(resource.row, (seats = []));
    seats.push({
      resource: resource.id,
      slot: slotOf(resource.id),
      row: resource.row,
      number: resource.number!,
      label: seatLabel(resource.row, resource.number!),
      price: resource.price,
      aisleBefore: false,
    });
  }
  return [...sections].map(([name, rows]) => {
    const sorted = [...rows]
      .sort(([a], [b]) => compareRows(a, b))
      .map(([row, seats]) => {
        seats.sort((a, b) => a.number - b.number);
        seats.forEach((seat, index) => {
          seat.aisleBefore = index > 0 && seat.number - seats[index - 1].number > 1;
        });
        return { row, seats };
      });
    return {
      name,
      rows: sorted,
      width: Math.max(0, ...sorted.map((row) => row.seats.length)),
    };
  });
}

/** The seat label of a resource, if it is a seat. */
export function seatLabelOf(resource: Resource | undefined): string | null {
  return resource && isSeat(resource) ? seatLabel(resource.row, resource.number!) : null;
}
