/** What a hold or booking contains, one line per resource (a ticket type, a room, a bay). */
import { toCents as cents } from "../../../shared/lib/money";
import type { HoldItem } from "../../../api/schema";

export interface SummaryLine {
  resource: number;
  name: string;
  /** Units of this resource: tickets, or nights/slots (one held slot each). */
  units: number;
  /** Slots held (a ticket type on one day is one slot; three nights are three). */
  slots: number;
  /** The price of one unit when every unit costs the same, else null. */
  unitPrice: string | null;
  subtotalCents: number;
  startsAt: string;
  endsAt: string;
}


export function summarise(items: readonly HoldItem[]): SummaryLine[] {
  const lines = new Map<number, SummaryLine>();
  for (const item of [...items].sort((a, b) => a.starts_at.localeCompare(b.starts_at) || a.slot - b.slot)) {
    const line = lines.get(item.resource);
    const price = Number(item.unit_price).toFixed(2);
    if (!line) {
      lines.set(item.resource, {
        resource: item.resource,
        name: item.resource_name,
        units: item.quantity,
        slots: 1,
        unitPrice: price,
        subtotalCents: cents(item.unit_price) * item.quantity,
        startsAt: item.starts_at,
        endsAt: item.ends_at,
      });
      continue;
    }
    line.units += item.quantity;
    line.slots += 1;
    if (line.unitPrice !== price) line.unitPrice = null;
    line.subtotalCents += cents(item.unit_price) * item.quantity;
    if (item.starts_at < line.startsAt) line.startsAt = item.starts_at;
    if (item.ends_at > line.endsAt) line.endsAt = item.ends_at;
  }
  return [...lines.values()];
}

export function totalCents(lines: readonly SummaryLine[]): number {
  return lines.reduce((sum, line) => sum + line.subtotalCents, 0);
}
