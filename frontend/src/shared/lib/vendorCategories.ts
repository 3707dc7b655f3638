/**
 * What a vendor sells (backend/vendors/models.py Vendor.Category) and its word: chosen on the
 * vendor portal's form, shown on the festival page and the staff desk's vendors and booths.
 */
import type { MessageKey } from "../../i18n";

export const CATEGORIES = ["food", "drinks", "merchandise", "crafts", "services", "other"] as const;
export type Category = (typeof CATEGORIES)[number];

const LABELS: Record<Category, MessageKey> = {
  food: "vendor.category.food",
  drinks: "vendor.category.drinks",
  merchandise: "vendor.category.merchandise",
  crafts: "vendor.category.crafts",
  services: "vendor.category.services",
  other: "vendor.category.other",
};

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** A category in words; one this app does not know reads as the server sent it. */
export function categoryLabel(t: (key: MessageKey) => string, category: string): string {
  return isCategory(category) ? t(LABELS[category]) : category;
}
