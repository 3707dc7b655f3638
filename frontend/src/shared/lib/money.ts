/**
 * Money as the API writes it ("150.00") added up in whole cents, so 0.10 + 0.20 is 0.30 and
 * not 0.30000000000000004. Formatting for people is `useI18n().formatMoney`.
 */

/** "150.00" → 15000 (0 for anything that is not a number). */
export function toCents(amount: string | number): number {
  const value = typeof amount === "number" ? amount : Number.parseFloat(amount);
  return Number.isFinite(value) ? Math.round(value * 100) : 0;
}

/** 15000 → "150.00", as the API writes amounts (what `formatMoney` takes). */
export function fromCents(cents: number): string {
  return (cents / 100).toFixed(2);
}
