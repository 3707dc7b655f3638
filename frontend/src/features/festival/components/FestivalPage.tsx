/**
 * `/events/:slug/festival`: the festival's own page. The hero (tagline, description,
 * pictures), what is on stage now and next, the programme by day and stage (live on
 * `event:{slug}:schedule`), the map with stages and booths, the vendors, the sponsors by
 * tier, the FAQ and links, and the contact form. Tickets stay on `/events/:slug`, linked
 * from the top and the bottom.
 */
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError } from "../../../api/client";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { fetchContent, fetchEvent, fetchSponsors, fetchVendors } from "../api";
import { useLiveSchedule } from "../hooks/useLiveSchedule";
import { useLoad } from "../../../shared/hooks/useLoad";
import { useNow } from "../hooks/useNow";
import { ContactForm } from "./ContactForm";
import { FaqAndLinks } from "./FaqAndLinks";
import { FestivalHero } from "./FestivalHero";
import { FestivalMapSection } from "./FestivalMap";
import { NowOnStage } from "./NowOnStage";
import { Programme } from "./Programme";
import { SponsorList } from "./SponsorList";
import { SellHere, VendorList } from "./VendorList";
import "../festival.css";

type SectionId = "programme" | "map" | "vendors" | "sponsors" | "faq" | "contact";

export default function FestivalPage() {
  const { t, lang } = useI18n();
  const { slug = "" } = useParams();
  const event = useLoad((signal) => fetchEvent(slug, signal), slug);
  const content = useLoad((signal) => fetchContent(slug, signal), slug);
  const sponsors = useLoad((signal) => fetchSponsors(slug, signal), slug);
  const vendors = useLoad((signal) => fetchVendors(slug, signal), slug);
  const schedule = useLiveSchedule(slug);
  const now = useNow();
  // The vendor a tap on a booth (or "show on the map") picked.
  const [vendorId, setVendorId] = useState<number | null>(null);

  const missing = [event.error, content.error].some((error) => error instanceof ApiError && error.status === 404);
  if (missing) {
    return (
      <main id="main" className="page narrow festival-page">
        <PageTitle title={t("festival.missing")}>{t("festival.missing")}</PageTitle>
        <Link className="btn" to="/">
          {t("common.home")}
        </Link>
      </main>
    );
  }
  const failed = event.error ?? content.error;
  if (failed) {
    return (
      <main id="main" className="page festival-page">
        <ErrorNotice
          error={failed}
          onRetry={() => {
            event.reload();
            content.reload();
          }}
        />
      </main>
    );
  }
  if (!event.data || !content.data) {
    return (
      <main id="main" className="page festival-page">
        <Loading />
      </main>
    );
  }

  const info = event.data;
  const page = content.data;
  const timeZone = info.venue.time_zone;
  const stages = page.map.stages;
  const hasMap = Boolean(page.map.image) || stages.length > 0 || page.map.booths.length > 0;
  const sections: { id: SectionId; label: string; shown: boolean }[] = [
    { id: "programme", label: t("festival.nav.programme"), shown: true },
    { id: "map", label: t("festival.nav.map"), shown: hasMap },
    { id: "vendors", label: t("festival.nav.vendors"), shown: (vendors.data?.length ?? 0) > 0 },
    { id: "sponsors", label: t("festival.nav.sponsors"), shown: (sponsors.data?.length ?? 0) > 0 },
    { id: "faq", label: t("festival.nav.faq"), shown: page.faq.length > 0 || page.links.length > 0 },
    { id: "contact", label: t("festival.nav.contact"), shown: true },
  ];

  const showVendor = (id: number) => {
    setVendorId(id);
    document.getElementById("festival-map")?.scrollIntoView({ behavior: "smooth", block: "start" });
  };

  return (
    <main id="main" className="page festival-page" data-testid="festival-page">
      <FestivalHero event={info} content={page} />

      <nav className="festival-nav" aria-label={t("festival.nav.label")}>
        <ul>
          {sections
            .filter((section) => section.shown)
            .map((section) => (
              <li key={section.id}>
                <a href={`#festival-${section.id}`}>{section.label}</a>
              </li>
            ))}
        </ul>
      </nav>

      <section id="festival-programme" className="festival-section" aria-labelledby="festival-programme-title">
        <div className="festival-section-head">
          <h2 id="festival-programme-title">{t("festival.programme.title")}</h2>
          <p className="muted small">{t("festival.programme.zone", { zone: zoneLabel(lang, timeZone) })}</p>
        </div>
        {schedule.error ? <ErrorNotice error={schedule.error} onRetry={schedule.reload} /> : null}
        {schedule.items === null && !schedule.error && <Loading />}
        {schedule.items !== null && (
          <>
            <NowOnStage items={schedule.items} now={now} timeZone={timeZone} stages={stages} />
            <Programme
              items={schedule.items}
              now={now}
              timeZone={timeZone}
              stages={stages}
              changed={schedule.changed}
            />
          </>
        )}
      </section>

      {hasMap && (
        <FestivalMapSection
          map={page.map}
          vendors={vendors.data ?? []}
          selected={vendorId}
          onSelect={setVendorId}
        />
      )}

      {vendors.error ? <ErrorNotice error={vendors.error} onRetry={vendors.reload} /> : null}
      {vendors.data && vendors.data.length > 0 ? (
        <VendorList slug={slug} vendors={vendors.data} selected={vendorId} onShowOnMap={hasMap ? showVendor : undefined} />
      ) : (
        <p className="festival-sell-line">
          <SellHere slug={slug} />
        </p>
      )}

      {sponsors.error ? <ErrorNotice error={sponsors.error} onRetry={sponsors.reload} /> : null}
      {sponsors.data && sponsors.data.length > 0 && <SponsorList sponsors={sponsors.data} />}

      {(page.faq.length > 0 || page.links.length > 0) && <FaqAndLinks faq={page.faq} links={page.links} />}

      <ContactForm slug={slug} eventName={info.name} />

      <p className="festival-tickets-footer">
        <Link className="btn" to={`/events/${encodeURIComponent(slug)}`}>
          {t("festival.tickets", { event: info.name })}
        </Link>
      </p>
    </main>
  );
}

function zoneLabel(lang: "ar" | "en", timeZone: string): string {
  try {
    const part = new Intl.DateTimeFormat(lang === "ar" ? "ar" : "en-GB", { timeZone, timeZoneName: "long" })
      .formatToParts(new Date())
      .find((item) => item.type === "timeZoneName");
    return part?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}
