/** Sponsors grouped by tier, the tiers in their order of rank, each keeping the server's order. */
import { TIERS, tierOf } from "../../../shared/lib/sponsors";
import type { Tier } from "../../../shared/lib/sponsors";

export interface SponsorLike {
  id: number;
  tier: string;
}

export function byTier<T extends SponsorLike>(sponsors: readonly T[]): { tier: Tier; sponsors: T[] }[] {
  const groups = new Map<Tier, T[]>();
  for (const sponsor of sponsors) {
    const tier = tierOf(sponsor.tier);
    const list = groups.get(tier);
    if (list) list.push(sponsor);
    else groups.set(tier, [sponsor]);
  }
  return TIERS.filter((tier) => groups.has(tier)).map((tier) => ({ tier, sponsors: groups.get(tier)! }));
}

/** Only web links leave the page (a sponsor's url could be anything staff typed). */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}
