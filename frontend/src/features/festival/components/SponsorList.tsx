/** Sponsors by tier (title first), each a logo (or its name) linking to its site in a new tab. */
import { useI18n } from "../../../i18n";
import { TIER_LABELS } from "../../../shared/lib/sponsors";
import type { Sponsor } from "../api";
import { byTier, safeUrl } from "../lib/sponsors";

export function SponsorList({ sponsors }: { sponsors: Sponsor[] }) {
  const { t } = useI18n();
  return (
    <section id="festival-sponsors" className="festival-section" aria-labelledby="festival-sponsors-title">
      <h2 id="festival-sponsors-title">{t("festival.sponsors.title")}</h2>
      <div className="festival-tiers" data-testid="sponsors">
        {byTier(sponsors).map(({ tier, sponsors: list }) => (
          <section key={tier} className={`festival-tier tier-${tier}`} aria-labelledby={`tier-${tier}`} data-tier={tier}>
            <h3 id={`tier-${tier}`} className="festival-tier-title">
              {t(TIER_LABELS[tier])}
            </h3>
            <ul className="festival-sponsors">
              {list.map((sponsor) => {
                const url = safeUrl(sponsor.url);
                const face = sponsor.logo ? (
                  <img src={sponsor.logo} alt={sponsor.name} loading="lazy" />
                ) : (
                  <span className="festival-sponsor-name">
                    <bdi>{sponsor.name}</bdi>
                  </span>
                );
                return (
                  <li key={sponsor.id} className="festival-sponsor" data-testid={`sponsor-${sponsor.id}`}>
                    {url ? (
                      <a href={url} target="_blank" rel="noopener" title={t("festival.sponsors.visit", { name: sponsor.name })}>
                        {face}
                        <span className="visually-hidden">{t("festival.newTab")}</span>
                      </a>
                    ) : (
                      face
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}
