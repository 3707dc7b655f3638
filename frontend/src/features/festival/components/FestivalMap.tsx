/**
 * The festival map: the staff's picture with the stages pinned on it and the booths drawn
 * as rectangles named after their vendor (percent of the picture, so they stay in place at
 * any width). A picture does not mirror for Arabic: the map is laid out left to right.
 * Tapping a booth shows its vendor under the map.
 */
import { useState } from "react";
import { useI18n } from "../../../i18n";
import { boothRect, isPlaced, percent } from "../../../shared/booths/map";
import { categoryLabel } from "../../../shared/lib/vendorCategories";
import type { FestivalMap, MapBooth, PublicVendor } from "../api";
import { localized } from "../lib/programme";

export function FestivalMapSection({
  map,
  vendors,
  selected,
  onSelect,
}: {
  map: FestivalMap;
  vendors: PublicVendor[];
  selected: number | null;
  onSelect: (vendor: number | null) => void;
}) {
  const { t, lang } = useI18n();
  // The picture's own proportions once it has loaded (a 3:2 frame holds its place until then).
  const [ratio, setRatio] = useState<string | null>(null);
  const booths = map.booths.filter(isPlaced);
  const boothOfVendor = (id: number) => map.booths.find((booth) => booth.vendor?.id === id) ?? null;
  const chosenBooth = selected === null ? null : boothOfVendor(selected);
  const chosenVendor = selected === null ? null : (vendors.find((vendor) => vendor.id === selected) ?? null);
  return (
    <section id="festival-map" className="festival-section" aria-labelledby="festival-map-title">
      <div className="festival-section-head">
        <h2 id="festival-map-title">{t("festival.map.title")}</h2>
        {booths.some((booth) => booth.vendor) && <p className="muted small">{t("festival.map.hint")}</p>}
      </div>
      <div className="festival-map-frame">
        <div
          className={`festival-map${map.image ? "" : " is-blank"}`}
          dir="ltr"
          data-testid="festival-map"
          style={map.image ? { aspectRatio: ratio ?? "3 / 2" } : undefined}
        >
          {map.image ? (
            <img
              src={map.image}
              alt={t("festival.map.alt")}
              onLoad={(event) => {
                const { naturalWidth: width, naturalHeight: height } = event.currentTarget;
                if (width && height) setRatio(`${width} / ${height}`);
              }}
            />
          ) : (
            <span className="visually-hidden">{t("festival.map.noImage")}</span>
          )}
          {booths.map((booth) => (
            <Booth
              key={booth.id}
              booth={booth}
              pressed={booth.vendor !== null && booth.vendor.id === selected}
              onSelect={() => booth.vendor && onSelect(booth.vendor.id === selected ? null : booth.vendor.id)}
            />
          ))}
          {map.stages.map((stage) => (
            <span
              key={stage.id}
              className="festival-pin"
              style={{ left: `${percent(stage.x)}%`, top: `${percent(stage.y)}%` }}
              data-testid={`stage-pin-${stage.id}`}
            >
              <span className="festival-pin-dot" aria-hidden="true" />
              <span className="festival-pin-label" dir="auto">
                {localized(lang, stage.name, stage.name_ar)}
              </span>
            </span>
          ))}
        </div>
      </div>
      <div className="festival-map-legend muted small" aria-hidden="true">
        <span>
          <span className="festival-legend-pin" /> {t("festival.map.legendStage")}
        </span>
        <span>
          <span className="festival-legend-booth" /> {t("festival.map.legendBooth")}
        </span>
      </div>
      <div aria-live="polite" className="festival-map-pick">
        {selected !== null && (chosenVendor || chosenBooth?.vendor) && (
          <div className="card festival-picked" data-testid="picked-vendor">
            {(chosenVendor?.logo ?? chosenBooth?.vendor?.logo) && (
              <img className="festival-vendor-logo" src={(chosenVendor?.logo ?? chosenBooth?.vendor?.logo)!} alt="" />
            )}
            <div className="festival-picked-text">
              <p className="festival-picked-name">
                <bdi>{chosenVendor?.name ?? chosenBooth?.vendor?.name}</bdi>
                {chosenBooth && <span className="badge festival-booth-code">{t("festival.vendors.booth", { code: chosenBooth.code })}</span>}
              </p>
              <p className="muted small">
                {categoryLabel(t, chosenVendor?.category ?? chosenBooth?.vendor?.category ?? "")}
              </p>
              {chosenVendor?.description && (
                <p className="festival-picked-description" dir="auto">
                  {chosenVendor.description}
                </p>
              )}
            </div>
            <button type="button" className="btn btn-secondary btn-small" onClick={() => onSelect(null)}>
              {t("common.close")}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

function Booth({ booth, pressed, onSelect }: { booth: MapBooth; pressed: boolean; onSelect: () => void }) {
  const { t } = useI18n();
  const rect = boothRect(booth);
  const style = { left: `${rect.left}%`, top: `${rect.top}%`, width: `${rect.width}%`, height: `${rect.height}%` };
  if (!booth.vendor) {
    return (
      <span className="festival-booth is-free" style={style} title={booth.code} data-testid={`booth-${booth.code}`}>
        <span className="festival-booth-text">{booth.code}</span>
      </span>
    );
  }
  return (
    <button
      type="button"
      className="festival-booth"
      style={style}
      aria-pressed={pressed}
      aria-label={t("festival.map.booth", { code: booth.code, vendor: booth.vendor.name })}
      title={`${booth.vendor.name} · ${booth.code}`}
      onClick={onSelect}
      data-testid={`booth-${booth.code}`}
    >
      <span className="festival-booth-text" dir="auto">
        {booth.vendor.name}
      </span>
    </button>
  );
}
