/** The top of the festival page: name, tagline, when and where, the description, pictures, tickets. */
import { Link } from "react-router";
import { PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { EventDetail } from "../../../api/schema";
import { formatEventDates } from "../../../shared/lib/zone";
import type { PageContent } from "../api";
import { localized } from "../lib/programme";

export function FestivalHero({ event, content }: { event: EventDetail; content: PageContent }) {
  const { t, lang } = useI18n();
  const tagline = localized(lang, content.tagline, content.tagline_ar);
  const description = localized(lang, content.description, content.description_ar) || event.description;
  // The Arabic text is Arabic; the English fallback (or the event's own text) is not.
  const textLang = (arabic: string) => (lang === "ar" && arabic ? "ar" : "en");
  const [cover, ...others] = content.images;
  return (
    <header className="festival-hero" data-testid="festival-hero">
      <Link to={`/events/${encodeURIComponent(event.slug)}`} className="festival-back">
        <span aria-hidden="true" className="festival-arrow">
          ←
        </span>{" "}
        {t("festival.backToTickets")}
      </Link>
      <div className={`festival-hero-body${cover ? " has-cover" : ""}`}>
        <div className="festival-hero-text">
          <p className="festival-kicker">{t("festival.kicker")}</p>
          <PageTitle title={event.name}>
            <bdi>{event.name}</bdi>
          </PageTitle>
          {tagline && (
            <p className="festival-tagline" data-testid="festival-tagline" lang={textLang(content.tagline_ar)}>
              {tagline}
            </p>
          )}
          <p className="festival-facts">
            <time dateTime={event.starts_at}>
              {formatEventDates(lang, event.starts_at, event.ends_at, event.venue.time_zone)}
            </time>
            <span aria-hidden="true"> · </span>
            <bdi>{event.venue.name}</bdi>
            {t("festival.comma")}
            <bdi>{event.venue.city}</bdi>
          </p>
          <div className="festival-cta">
            <Link className="btn festival-cta-tickets" to={`/events/${encodeURIComponent(event.slug)}`}>
              {t("festival.buyTickets")}
            </Link>
            <a className="btn btn-secondary" href="#festival-programme">
              {t("festival.seeProgramme")}
            </a>
          </div>
        </div>
        {cover && (
          <img
            className="festival-cover"
            src={cover.url}
            alt={localized(lang, cover.alt, cover.alt_ar)}
            fetchPriority="high"
          />
        )}
      </div>
      {description && (
        <div className="festival-description" data-testid="festival-description" lang={textLang(content.description_ar)}>
          {description
            .split(/\n{2,}/)
            .filter((paragraph) => paragraph.trim())
            .map((paragraph, index) => (
              <p key={index}>{paragraph}</p>
            ))}
        </div>
      )}
      {others.length > 0 && (
        // It scrolls sideways: focusable, so a keyboard can scroll it.
        <ul className="festival-gallery" aria-label={t("festival.gallery")} tabIndex={0}>
          {others.map((image) => (
            <li key={image.id}>
              <img src={image.url} alt={localized(lang, image.alt, image.alt_ar)} loading="lazy" />
            </li>
          ))}
        </ul>
      )}
    </header>
  );
}
