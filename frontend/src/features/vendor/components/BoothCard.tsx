/** The vendor's booth: its code, zone and size, and where it is on the festival map. */
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import { BoothMap, BoothSwatch } from "../../../shared/booths/BoothMap";
import type { MapBooth } from "../../../shared/booths/BoothMap";
import { isPlaced } from "../../../shared/booths/map";
import { ltr } from "../../../shared/lib/bidi";
import type { Dashboard, EventMap } from "../api";

export function BoothCard({ data, map }: { data: Dashboard; map: EventMap | null }) {
  const { t, formatNumber } = useI18n();
  const booth = data.booth;
  const sizeWord = (size: string) =>
    ["small", "medium", "large"].includes(size) ? t(`vendor.booth.size.${size}` as MessageKey) : size;

  const others: MapBooth[] = (map?.booths ?? [])
    .filter((place) => place.id !== booth?.id && isPlaced(place))
    .map((place) => ({ ...place, tone: "muted", name: place.code }));
  const mine: MapBooth[] = booth && isPlaced(booth) ? [{ ...booth, tone: "mine", name: booth.code }] : [];

  return (
    <section className="card vd-card" aria-labelledby="vd-booth-title" data-testid="vendor-booth">
      <h2 id="vd-booth-title" className="co-h2">
        {t("vendor.booth.title")}
      </h2>
      {booth ? (
        <>
          <dl className="co-facts vd-facts">
            <div>
              <dt>{t("vendor.booth.code")}</dt>
              <dd className="vd-booth-code" data-testid="booth-code">
                {ltr(booth.code)}
              </dd>
            </div>
            <div>
              <dt>{t("vendor.booth.zone")}</dt>
              <dd>
                <bdi>{booth.zone}</bdi>
              </dd>
            </div>
            <div>
              <dt>{t("vendor.booth.size")}</dt>
              <dd>{sizeWord(booth.size)}</dd>
            </div>
            <div>
              <dt>{t("vendor.crew.passes")}</dt>
              <dd>{formatNumber(data.passes.allowed)}</dd>
            </div>
          </dl>
          {mine.length > 0 && (
            <BoothMap
              image={map?.image}
              booths={[...others, ...mine]}
              label={t("vendor.booth.mapLabel", { booth: ltr(booth.code), zone: booth.zone })}
            >
              <BoothSwatch tone="mine">{t("vendor.booth.yours", { booth: ltr(booth.code) })}</BoothSwatch>
              {others.length > 0 && <BoothSwatch tone="muted">{t("vendor.booth.others")}</BoothSwatch>}
              {!map?.image && <span>{t("vendor.booth.noMapImage")}</span>}
            </BoothMap>
          )}
        </>
      ) : (
        <p className="muted">{t("vendor.booth.waiting")}</p>
      )}
    </section>
  );
}
