/**
 * The approved vendors: logo, name, category, description, booth (and a way to it on the
 * map); and the way to become one, the festival's vendor portal (`/vendor/:slug`).
 */
import { Link } from "react-router";
import { useI18n } from "../../../i18n";
import { categoryLabel } from "../../../shared/lib/vendorCategories";
import type { PublicVendor } from "../api";
import { safeUrl } from "../lib/sponsors";
import { boothOf } from "../lib/vendors";

/** "Sell at this festival": the festival's vendor portal (apply for a booth). */
export function SellHere({ slug }: { slug: string }) {
  const { t } = useI18n();
  return (
    <Link className="festival-sell" to={`/vendor/${encodeURIComponent(slug)}`} data-testid="sell-here">
      {t("festival.vendors.sell")}
    </Link>
  );
}

export function VendorList({
  slug,
  vendors,
  selected,
  onShowOnMap,
}: {
  slug: string;
  vendors: PublicVendor[];
  selected: number | null;
  onShowOnMap?: (vendor: number) => void;
}) {
  const { t } = useI18n();
  return (
    <section id="festival-vendors" className="festival-section" aria-labelledby="festival-vendors-title">
      <div className="festival-section-head">
        <h2 id="festival-vendors-title">{t("festival.vendors.title")}</h2>
        <SellHere slug={slug} />
      </div>
      <ul className="festival-vendors" data-testid="vendors">
        {vendors.map((vendor) => {
          const booth = boothOf(vendor.booth);
          const website = safeUrl(vendor.website);
          return (
            <li
              key={vendor.id}
              id={`vendor-${vendor.id}`}
              className={`card festival-vendor${vendor.id === selected ? " is-selected" : ""}`}
              data-testid={`vendor-${vendor.id}`}
            >
              <div className="festival-vendor-head">
                {vendor.logo ? (
                  <img className="festival-vendor-logo" src={vendor.logo} alt="" loading="lazy" />
                ) : (
                  <span className="festival-vendor-logo festival-vendor-initial" aria-hidden="true">
                    {vendor.name.trim().charAt(0)}
                  </span>
                )}
                <div>
                  <h3 className="festival-h3">
                    <bdi>{vendor.name}</bdi>
                  </h3>
                  {vendor.category && (
                    <p className="festival-vendor-category">
                      {categoryLabel(t, vendor.category)}
                    </p>
                  )}
                </div>
              </div>
              {vendor.description && (
                <p className="festival-vendor-description" dir="auto">
                  {vendor.description}
                </p>
              )}
              {website && (
                <a className="festival-vendor-site" href={website} target="_blank" rel="noopener" dir="ltr">
                  {new URL(website).host}
                  <span className="visually-hidden"> {t("festival.newTab")}</span>
                </a>
              )}
              <div className="festival-vendor-foot">
                {booth ? (
                  <span className="badge festival-booth-code">{t("festival.vendors.booth", { code: booth.code })}</span>
                ) : (
                  <span className="muted small">{t("festival.vendors.noBooth")}</span>
                )}
                {booth && onShowOnMap && (
                  <button
                    type="button"
                    className="link-button festival-link-button"
                    onClick={() => onShowOnMap(vendor.id)}
                    aria-label={t("festival.vendors.showOnMapLabel", { vendor: vendor.name })}
                  >
                    {t("festival.vendors.showOnMap")}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
