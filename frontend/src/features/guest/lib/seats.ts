/** The seat map: numbered seats grouped by section and row, in the order a venue prints them. */
import type { Resource, SeatSectionInfo } from "../../../api/schema";

export interface SeatCell {
  resource: number;
  /** The section's code (its `name`), as the seat resource says. */
  section: string;
  /** The slot to hold for this seat (null: not bookable at the chosen time). */
  slot: number | null;
  row: string;
  number: number;
  /** "A12": what the ticket and the seat itself say. */
  label: string;
  price: string;
  /** An aisle before this seat: a gap in the numbering, or one the section declares. */
  aisleBefore: boolean;
}

export interface SeatRow {
  row: string;
  seats: SeatCell[];
}

export interface SeatSection {
  /** The code seats carry ("" for seats without a section). */
  name: string;
  /** Its name in the page's language. */
  label: string;
  /** The price tier ("" when the section has none). */
  tier: string;
  /** Best available prefers lower ranks; sections without a description come last. */
  rank: number;
  /** The band of the map (0 nearest the stage) and the place in it, left to right. */
  mapRow: number;
  sortOrder: number;
  rows: SeatRow[];
  /** The most seats in a row. */
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
 * each seat resource (one per seat for a single performance). `described` are the event's
 * sections (GET /api/events/{slug}/ `sections`): their tier, rank, place and aisles; seats of
 * a section not described still show, after the described ones.
 */
export function buildSeatMap(
  resources: readonly Resource[],
  slotOf: (resourceId: number) => number | null,
  described: readonly SeatSectionInfo[] = [],
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
      section: sectionName,
      slot: slotOf(resource.id),
      row: resource.row,
      number: resource.number!,
      label: seatLabel(resource.row, resource.number!),
      price: resource.price,
      aisleBefore: false,
    });
  }
  const info = new Map(described.map((section, index) => [section.name, { section, index }]));
  const lastBand = Math.max(0, ...described.map((section) => section.map_row));
  const built = [...sections].map(([name, rows]) => {
    const meta = info.get(name)?.section;
    const aisles = new Set(meta?.aisles_after ?? []);
    const sorted = [...rows]
      .sort(([a], [b]) => compareRows(a, b))
      .map(([row, seats]) => {
        seats.sort((a, b) => a.number - b.number);
        seats.forEach((seat, index) => {
          const previous = seats[index - 1];
          seat.aisleBefore = index > 0 && (seat.number - previous.number > 1 || aisles.has(previous.number));
        });
        return { row, seats };
      });
    return {
      name,
      label: meta?.label || name,
      tier: meta?.tier ?? "",
      rank: meta?.rank ?? UNDESCRIBED_RANK,
      mapRow: meta ? meta.map_row : lastBand + 1,
      sortOrder: meta?.sort_order ?? 0,
      rows: sorted,
      width: Math.max(0, ...sorted.map((row) => row.seats.length)),
    };
  });
  const order = (section: SeatSection) => info.get(section.name)?.index ?? described.length;
  return built.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name, "en"));
}

/** Seats of a section the event does not describe rank after every described one. */
export const UNDESCRIBED_RANK = 10_000;

/** The price tiers of the map, cheapest last: what the legend lists. */
export interface PriceTier {
  /** The tier's name, or the section's label when the section has no tier. */
  name: string;
  /** The lowest and highest seat price in the tier (decimal strings, as the API sends). */
  low: string;
  high: string;
  /** The sections in it, by label. */
  sections: string[];
  /** 0, 1, 2 …: the colour the map draws the tier in. */
  index: number;
}

export function priceTiers(sections: readonly SeatSection[]): PriceTier[] {
  const tiers = new Map<string, { prices: number[]; raw: Map<number, string>; sections: string[] }>();
  for (const section of sections) {
    const key = section.tier || section.label || section.name;
    let tier = tiers.get(key);
    if (!tier) tiers.set(key, (tier = { prices: [], raw: new Map(), sections: [] }));
    tier.sections.push(section.label || section.name);
    for (const seat of section.rows.flatMap((row) => row.seats)) {
      const value = Number(seat.price);
      tier.prices.push(value);
      tier.raw.set(value, seat.price);
    }
  }
  return [...tiers]
    .filter(([, tier]) => tier.prices.length > 0)
    .map(([name, tier]) => {
      const low = Math.min(...tier.prices);
      const high = Math.max(...tier.prices);
      return { name, low: tier.raw.get(low)!, high: tier.raw.get(high)!, sections: tier.sections, index: 0 };
    })
    .sort((a, b) => Number(b.high) - Number(a.high))
    .map((tier, index) => ({ ...tier, index }));
}

/** The tier (its legend entry) a section belongs to. */
export function tierOf(tiers: readonly PriceTier[], section: SeatSection): PriceTier | undefined {
  return tiers.find((tier) => tier.sections.includes(section.label || section.name));
}

/** The seat label of a resource, if it is a seat. */
export function seatLabelOf(resource: Resource | undefined): string | null {
  return resource && isSeat(resource) ? seatLabel(resource.row, resource.number!) : null;
}
