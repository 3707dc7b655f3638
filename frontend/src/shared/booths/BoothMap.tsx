/**
 * The festival map with its booths drawn on it (the vendor's own booth on the vendor portal,
 * every booth free or taken on the staff desk). Without a map image the booths are drawn on
 * a plain grid in the same places. The map is a picture and does not mirror for Arabic; the
 * booth codes on it read left to right.
 *
 * With `onSelect` each booth is a button (a name, a pressed state); without, the map is one
 * image whose description the caller gives (`label`).
 */
import type { ReactNode } from "react";
import { boothRect } from "./map";
import type { BoothPlace } from "./map";
import "./booths.css";

/** How a booth is drawn: free, taken, the one this page is about, or chosen. */
export type BoothTone = "free" | "taken" | "mine" | "muted";

export interface MapBooth extends BoothPlace {
  tone: BoothTone;
  /** The booth's accessible name ("A-01, free"). */
  name: string;
}

export function BoothMap({
  image,
  booths,
  selected,
  onSelect,
  label,
  imageAlt = "",
  minWidth,
  children,
}: {
  image: string | null | undefined;
  booths: readonly MapBooth[];
  selected?: number | null;
  onSelect?: (id: number) => void;
  /** What the map shows, for a screen reader (a non-interactive map is one image). */
  label: string;
  imageAlt?: string;
  /** The narrowest the map is drawn (px): below it, it scrolls sideways (booths stay tappable). */
  minWidth?: number;
  /** A legend or caption under the map. */
  children?: ReactNode;
}) {
  const interactive = Boolean(onSelect);
  return (
    <figure className="booth-map" data-testid="booth-map">
      <div className="booth-map-scroll" dir="ltr">
        <div
          className={`booth-map-canvas ${image ? "" : "booth-map-blank"}`}
          dir="ltr"
          role={interactive ? "group" : "img"}
          aria-label={label}
          style={minWidth ? { minWidth } : undefined}
        >
          {image && <img className="booth-map-image" src={image} alt={interactive ? imageAlt : ""} />}
          {booths.map((booth) => {
            const rect = boothRect(booth);
            const style = {
              left: `${rect.left}%`,
              top: `${rect.top}%`,
              width: `${rect.width}%`,
              height: `${rect.height}%`,
            };
            const className = `booth-map-booth booth-map-${booth.tone}${selected === booth.id ? " booth-map-selected" : ""}`;
            return interactive ? (
              <button
                key={booth.id}
                type="button"
                className={className}
                style={style}
                aria-label={booth.name}
                aria-pressed={selected === booth.id}
                data-booth={booth.code}
                data-tone={booth.tone}
                onClick={() => onSelect?.(booth.id)}
              >
                <span className="booth-map-code">{booth.code}</span>
              </button>
            ) : (
              <span key={booth.id} className={className} style={style} data-booth={booth.code} data-tone={booth.tone}>
                <span className="booth-map-code">{booth.code}</span>
              </span>
            );
          })}
        </div>
      </div>
      {children && <figcaption className="booth-map-caption">{children}</figcaption>}
    </figure>
  );
}

/** A legend entry: the swatch a tone is drawn with, and its words. */
export function BoothSwatch({ tone, children }: { tone: BoothTone; children: ReactNode }) {
  return (
    <span className="booth-map-key">
      <span className={`booth-map-swatch booth-map-${tone}`} aria-hidden="true" />
      {children}
    </span>
  );
}
