/** Amenities (Wi-Fi, pool, parking…) with their icons, labelled in the page's language. */
import type { Amenity } from "../../api/schema";
import { useI18n } from "../../i18n";
import "./media.css";

// Drawn like src/components/Icon.tsx: 24×24, stroked. An unknown icon name draws the star.
const ICONS: Record<string, string> = {
  wifi: "M2 8.5a15 15 0 0 1 20 0M5 12a10 10 0 0 1 14 0M8.5 15.5a5 5 0 0 1 7 0M12 19h.01",
  pool: "M2 19c2 0 2-1.5 4-1.5s2 1.5 4 1.5 2-1.5 4-1.5 2 1.5 4 1.5 2-1.5 4-1.5M8 15V5.5a2 2 0 0 1 4 0M16 15V5.5a2 2 0 0 0-4 0M8 9h8M8 13h8",
  parking: "M5 3h14v18H5zM9 17V7h4a3 3 0 0 1 0 6H9",
  breakfast: "M7 3v8M5 3v5a2 2 0 0 0 4 0V3M7 11v10M17 3c-2 0-3 3-3 7h3v11",
  air: "M12 2v20M4.5 6.5l15 11M19.5 6.5l-15 11",
  spa: "M5 19c0-9 6-14 15-14 0 9-5 15-14 15M5 19l7-7",
  gym: "M3 10v4M6 7v10M18 7v10M21 10v4M6 12h12",
  screen: "M3 5h18v11H3zM8 20h8M12 16v4",
  coffee: "M4 9h13v5a5 5 0 0 1-5 5H9a5 5 0 0 1-5-5V9ZM17 10h1.5a2.5 2.5 0 0 1 0 5H17M8 3v3M12 3v3",
  accessible: "M12 4.5h.01M8 8.5h8M12 8.5v5h4l2 5M10 12.5a5 5 0 1 0 5.5 6",
  view: "M2 19l6-9 4 5 3-4 7 8H2ZM17 5h.01",
  bed: "M3 7v12M3 14h18v5M21 14v-3a3 3 0 0 0-3-3h-7v6M6.5 11h.01",
  tools: "M14.5 4a4.5 4.5 0 0 0 5.5 5.5L10 19.5a2.1 2.1 0 0 1-3-3L17 6.5",
  star: "M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9Z",
};

export function amenityLabel(amenity: Amenity, lang: string): string {
  return (lang === "ar" && amenity.label_ar) || amenity.label;
}

export function AmenityIcon({ icon, size = 18 }: { icon: string; size?: number }) {
  return (
    <svg
      className="amenity-icon"
      viewBox="0 0 24 24"
      width={size}
      height={size}
      fill="none"
      stroke="currentColor"
      strokeWidth={1.9}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={ICONS[icon] ?? ICONS.star} />
    </svg>
  );
}

export function Amenities({ amenities, compact = false }: { amenities: Amenity[]; compact?: boolean }) {
  const { t, lang } = useI18n();
  if (amenities.length === 0) return null;
  return (
    <ul className={`amenities${compact ? " amenities-compact" : ""}`} aria-label={t("media.amenities")} data-testid="amenities">
      {amenities.map((amenity) => (
        <li key={amenity.code} className="amenity">
          <AmenityIcon icon={amenity.icon} size={compact ? 16 : 18} />
          <span>{amenityLabel(amenity, lang)}</span>
        </li>
      ))}
    </ul>
  );
}
