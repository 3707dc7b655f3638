/** A vendor's category in words (the API sends its code); an unknown code reads as itself. */
import type { MessageKey } from "../../../i18n";

const CATEGORIES: Record<string, MessageKey> = {
  food: "festival.category.food",
  drinks: "festival.category.drinks",
  merchandise: "festival.category.merchandise",
  crafts: "festival.category.crafts",
  services: "festival.category.services",
  other: "festival.category.other",
};

export function categoryLabel(t: (key: MessageKey) => string, category: string): string {
  const key = CATEGORIES[category];
  return key ? t(key) : category;
}

/** The booth a public vendor answer names (the schema types it loosely), or null. */
export function boothOf(booth: unknown): { id: number; code: string; zone: string } | null {
  if (!booth || typeof booth !== "object") return null;
  const { id, code, zone } = booth as Record<string, unknown>;
  if (typeof code !== "string") return null;
  return { id: typeof id === "number" ? id : 0, code, zone: typeof zone === "string" ? zone : "" };
}
