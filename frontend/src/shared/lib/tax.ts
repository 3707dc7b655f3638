/**
 * An event's tax as GET /api/events/{slug}/ gives it. With net prices (`prices_include_tax`
 * false) every line of a booking is charged its price plus the tax, rounded half up per line
 * as the server rounds it, so what the page adds up is what the booking will charge.
 */
import { toCents } from "./money";

export interface TaxTerms {
  tax_rate?: string | number | null;
  prices_include_tax?: boolean | null;
}

/** The rate in percent added on top of the prices (net prices), or null (prices include it). */
export function taxAdded(event: TaxTerms | null | undefined): number | null {
  if (!event || event.prices_include_tax !== false) return null;
  const rate = Number(event.tax_rate ?? 0);
  return Number.isFinite(rate) && rate > 0 ? rate : null;
}

/** What one line of `cents` charges: its price, plus with net prices its tax (half up). */
export function withTax(cents: number, rate: number | null): number {
  if (rate === null || cents === 0) return cents;
  const basisPoints = toCents(rate); // 18.00 % → 1800
  const sign = cents < 0 ? -1 : 1;
  const tax = Math.floor((Math.abs(cents) * basisPoints + 5000) / 10000);
  return cents + sign * tax;
}

/** What lines of these prices charge, each taxed on its own. */
export function chargedCents(lines: readonly number[], rate: number | null): number {
  return lines.reduce((sum, cents) => sum + withTax(cents, rate), 0);
}
