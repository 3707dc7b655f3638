/**
 * Sponsor tiers (backend/content/models.py Sponsor.Tier) in their order of rank, title first,
 * and their words: the festival page groups sponsors by them, the staff desk lists and picks them.
 */
import type { MessageKey } from "../../i18n";

export const TIERS = ["title", "platinum", "gold", "silver", "bronze", "partner"] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_LABELS: Record<Tier, MessageKey> = {
  title: "festival.tier.title",
  platinum: "festival.tier.platinum",
  gold: "festival.tier.gold",
  silver: "festival.tier.silver",
  bronze: "festival.tier.bronze",
  partner: "festival.tier.partner",
};

/** A tier as itself, or "partner" when the server sends one this app does not know. */
export function tierOf(tier: string): Tier {
  return (TIERS as readonly string[]).includes(tier) ? (tier as Tier) : "partner";
}
