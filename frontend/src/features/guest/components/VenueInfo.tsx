/** The shop's page on its event page: pictures, address, contact links, opening hours. */
import { ErrorNotice } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { fetchVenue } from "../api/catalog";
import { clockText, hoursByDay, weekdayIn, weekdayName } from "../lib/hours";
import { localeOf, zoneName } from "../lib/format";
import { useLoad } from "../../../shared/hooks/useLoad";
import { isolate, joinIsolated } from "../../../shared/lib/bidi";

export function VenueInfo({ venueId }: { venueId: number }) {
  const { t, lang } = useI18n();
  const { data: venue, error, reload } = useLoad((signal) => fetchVenue(venueId, signal), String(venueId));
  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!venue) return null;
  const locale = localeOf(lang);
  const today = weekdayIn(venue.time_zone);
  const days = hoursByDay(venue.opening_hours);
  return (
    <section className="card venue-info" aria-labelledby="venue-title" data-testid="venue-info">
      <h2 id="venue-title" className="repair-h2">
        {t("repair.venue.title")}: <bdi>{venue.name}</bdi>
      </h2>
      {venue.images.length > 0 && (
        // It scrolls sideways: a keyboard reaches it (a named region, focusable).
        <div className="venue-images" role="region" aria-label={t("guest.venue.pictures")} tabIndex={0}>
          {venue.images.map((image) => (
            <img key={image.url} src={image.url} alt={(lang === "ar" && image.alt_ar) || image.alt} loading="lazy" />
          ))}
        </div>
      )}
      <div className="venue-body">
        <div className="venue-contact">
          <p>{venue.address.includes(venue.city) ? isolate(venue.address) : joinIsolated([venue.address, venue.city])}</p>
          {venue.contact_phone && (
            <p>
              <a href={`tel:${venue.contact_phone.replace(/\s/g, "")}`}>
                {t("repair.venue.call", { phone: `\u2066${venue.contact_phone}\u2069` })}
              </a>
            </p>
          )}
          {venue.contact_email && (
            <p>
              <a href={`mailto:${venue.contact_email}`}>{t("repair.venue.mail", { email: `\u2066${venue.contact_email}\u2069` })}</a>
            </p>
          )}
        </div>
        <table className="venue-hours" data-testid="venue-hours">
          <caption>{t("repair.venue.hours")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("repair.venue.day")}</th>
              <th scope="col">{t("repair.venue.open")}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.weekday} className={day.weekday === today ? "venue-today" : undefined}>
                <th scope="row">{weekdayName(locale, day.weekday)}</th>
                <td>
                  {day.ranges.length === 0
                    ? t("repair.venue.closed")
                    : day.ranges.map((range) => (
                        <span key={range.opens} className="venue-range">
                          {clockText(locale, range.opens)}–{clockText(locale, range.closes)}
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t("repair.venue.zone", { zone: zoneName(lang, venue.time_zone) })}</p>
    </section>
  );
}
