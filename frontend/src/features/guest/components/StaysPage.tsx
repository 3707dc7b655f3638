/** `/stays`: search resorts by place, dates and party; each result opens its room-nights grid. */
import { useEffect, useMemo, useState } from "react";
import type { FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { ApiError } from "../../../api/client";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { TaxNote } from "../../../components/TaxNote";
import type { StaySearch, StayVenue } from "../../../api/schema";
import { fetchEvents, searchStays } from "../api";
import { StayDates } from "./StayDates";
import { PlaceCombobox } from "./PlaceCombobox";
import { addDays, isIsoDate } from "../lib/dates";
import { MAX_GUESTS, stayQuery } from "../lib/events";
import { formatDay } from "../lib/format";
import { fromCents, toCents } from "../../../shared/lib/money";
import type { StayChoice, StayField } from "../lib/stayDates";
import { useCount } from "../hooks/useCount";
import { useConnectNow } from "../hooks/useConnectNow";
import { useLoad } from "../../../shared/hooks/useLoad";
import { isolate } from "../../../shared/lib/bidi";
import "../guest.css";
import { Picture } from "../../../shared/media/Picture";
import { Amenities } from "../../../shared/media/Amenities";
import { StayTimes } from "../../../shared/media/StayTimes";
import "../../../shared/media/media.css";

/** The browser's own date: the server refuses check-ins before its date (UTC), so tomorrow. */
function localDate(offsetDays: number): string {
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  return addDays(today, offsetDays);
}

interface SearchForm extends StayChoice {
  location: string;
}

function formFromParams(params: URLSearchParams): SearchForm {
  const checkIn = params.get("check_in");
  const checkOut = params.get("check_out");
  const guests = Number(params.get("guests"));
  return {
    location: params.get("location") ?? "",
    checkIn: isIsoDate(checkIn) ? checkIn : localDate(1),
    checkOut: isIsoDate(checkOut) ? checkOut : localDate(3),
    guests: Number.isInteger(guests) && guests >= 1 && guests <= MAX_GUESTS ? guests : 2,
  };
}

export default function StaysPage() {
  const { t, formatNumber } = useI18n();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const submitted = useMemo(() => formFromParams(new URLSearchParams(search)), [search]);
  const page = Math.max(1, Number(params.get("page")) || 1);
  const [form, setForm] = useState<SearchForm>(submitted);
  useEffect(() => setForm(submitted), [submitted]);
  const [locationMissing, setLocationMissing] = useState(false);
  const cities = useCities();
  useConnectNow();

  const searchKey = params.get("location") ? search : null;
  const { data: results, error, loading, reload } = useLoad(
    (signal) =>
      searchStays(
        {
          location: submitted.location,
          check_in: submitted.checkIn,
          check_out: submitted.checkOut,
          guests: submitted.guests,
          page,
        },
        signal,
      ),
    searchKey,
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!form.location.trim()) {
      setLocationMissing(true);
      return;
    }
    setLocationMissing(false);
    setParams({
      location: form.location.trim(),
      check_in: form.checkIn,
      check_out: form.checkOut,
      guests: String(form.guests),
    });
  };
  const goToPage = (next: number) => {
    const copy = new URLSearchParams(params);
    copy.set("page", String(next));
    setParams(copy);
  };

  const fieldErrors: Partial<Record<StayField | "location", string>> = {};
  if (error instanceof ApiError && error.code === "validation_error") {
    fieldErrors.location = error.field("location");
    fieldErrors.checkIn = error.field("check_in");
    fieldErrors.checkOut = error.field("check_out");
    fieldErrors.guests = error.field("guests");
  }
  if (locationMissing) fieldErrors.location = t("guest.search.whereMissing");
  // Field errors show under their fields; anything else as a notice.
  const inline = error instanceof ApiError && error.code === "validation_error" && Object.values(fieldErrors).some(Boolean);
  const shownError = error && !inline;

  return (
    <main id="main" className="page guest-page stays-page">
      <section className="events-hero">
        <PageTitle title={t("guest.search.title")}>{t("guest.search.title")}</PageTitle>
        <p className="lede">{t("guest.search.lede")}</p>
      </section>
      <form className="card search-form" onSubmit={onSubmit} noValidate role="search" aria-label={t("guest.search.title")}>
        <div className="field field-where">
          <label htmlFor="search-location">{t("guest.search.where")}</label>
          <PlaceCombobox
            id="search-location"
            placeholder={cities[0] ? t("guest.search.wherePlaceholder", { city: cities[0] }) : undefined}
            value={form.location}
            invalid={Boolean(fieldErrors.location)}
            describedBy={fieldErrors.location ? "search-location-error" : undefined}
            onChange={(location) => setForm((old) => ({ ...old, location }))}
          />
          {fieldErrors.location && (
            <span className="field-error" id="search-location-error">
              {fieldErrors.location}
            </span>
          )}
        </div>
        <StayDates
          idPrefix="search"
          min={localDate(0)}
          value={form}
          errors={fieldErrors}
          onChange={(stay) => setForm({ ...form, ...stay })}
        />
        <button type="submit" className="btn search-submit">
          {t("guest.search.submit")}
        </button>
      </form>

      <section aria-labelledby="results-title" className="results">
        <h2 id="results-title" className="visually-hidden">
          {t("guest.search.results")}
        </h2>
        {shownError ? <ErrorNotice error={error} onRetry={reload} /> : null}
        {loading && <Loading label={t("guest.search.searching")} />}
        <div role="status" aria-live="polite">
          {results && <ResultsHeading results={results} />}
        </div>
        {results && results.venues.length > 0 && (
          <ul className="venue-list" role="list">
            {results.venues.map((venue) => (
              <li key={venue.id}>
                <VenueResult venue={venue} results={results} />
              </li>
            ))}
          </ul>
        )}
        {results && results.pages > 1 && (
          <nav className="pager" aria-label={t("guest.search.pages")}>
            <button
              type="button"
              className="btn btn-secondary btn-small"
              disabled={results.page <= 1}
              onClick={() => goToPage(results.page - 1)}
            >
              {t("guest.search.previous")}
            </button>
            <span>{t("guest.search.page", { page: formatNumber(results.page), pages: formatNumber(results.pages) })}</span>
            <button
              type="button"
              className="btn btn-secondary btn-small"
              disabled={results.page >= results.pages}
              onClick={() => goToPage(results.page + 1)}
            >
              {t("guest.search.next")}
            </button>
          </nav>
        )}
        {!searchKey && <p className="empty-state">{t("guest.search.start")}</p>}
      </section>
    </main>
  );
}

/** The cities that have resorts, for the "Where" suggestions. */
function useCities(): string[] {
  const { data } = useLoad((signal) => fetchEvents(signal), "cities");
  return useMemo(
    () => [...new Set((data ?? []).filter((event) => event.kind === "stays").map((event) => event.venue.city))].sort(),
    [data],
  );
}

function ResultsHeading({ results }: { results: StaySearch }) {
  const { t, lang } = useI18n();
  const count = useCount();
  const vars = {
    places: count("guest.n.places", results.count),
    place: isolate(results.location),
    from: formatDay(lang, results.check_in),
    to: formatDay(lang, results.check_out),
    nights: count("guest.n.nights", results.nights),
    guests: count("guest.n.guests", results.guests),
  };
  if (results.count === 0) return <p className="empty-state">{t("guest.search.none", vars)}</p>;
  return <p className="results-heading">{t("guest.search.found", vars)}</p>;
}

function VenueResult({ venue, results }: { venue: StayVenue; results: StaySearch }) {
  const { t, formatMoney, formatNumber } = useI18n();
  const count = useCount();
  const stay = { checkIn: results.check_in, checkOut: results.check_out, guests: results.guests };
  const link = (rooms: number[]) => `/events/${encodeURIComponent(venue.event)}${stayQuery({ ...stay, rooms })}`;
  const rooms = [...venue.rooms].sort((a, b) => toCents(a.total) - toCents(b.total));
  const cheapest = new Set(venue.cheapest_rooms);
  return (
    <article className="venue-card card" data-testid={`venue-${venue.event}`}>
      {venue.images[0] && (
        <Picture picture={venue.images[0]} className="card-picture venue-card-picture" sizes="(max-width: 700px) 100vw, 680px" />
      )}
      <div className="venue-head">
        <div>
          <h3 className="venue-name">
            <Link to={link(venue.cheapest_rooms)}>
              <bdi>{venue.name}</bdi>
            </Link>
          </h3>
          <p className="muted">
            {venue.address ? (
              <>
                <bdi>{venue.address}</bdi>
                {" · "}
              </>
            ) : null}
            <bdi>{venue.city}</bdi>
          </p>
        </div>
        <div className="venue-price">
          <span className="muted small">
            {t("guest.search.bestFor")}
          </span>
          <strong>{formatMoney(venue.cheapest_total, venue.currency)}</strong>
        </div>
      </div>
      <StayTimes checkIn={venue.check_in_time} checkOut={venue.check_out_time} />
      <Amenities amenities={venue.amenities} compact />
      <p className="venue-free">
        <span className="badge badge-ok">{count("guest.n.roomsFree", venue.free_rooms)}</span>
      </p>
      <ul className="room-options" role="list">
        {rooms.map((room) => (
          <li key={room.id} className={cheapest.has(room.id) ? "is-best" : undefined}>
            {room.images[0] && <Picture picture={room.images[0]} className="room-thumb" sizes="96px" />}
            <div className="room-option-info">
              <bdi className="resource-name">{room.name}</bdi>
              <span className="muted small">
                {t("guest.nights.sleeps", { count: formatNumber(room.guest_capacity) })}
                {" · "}
                {room.fits_party ? t("guest.search.fits") : t("guest.search.notFits")}
                {room.amenity_list.length === 0 && room.amenities.length > 0 && ` · ${room.amenities.join(", ")}`}
              </span>
              <Amenities amenities={room.amenity_list} compact />
            </div>
            <div className="room-option-side">
              <span className="room-total">
                {formatMoney(room.total, room.currency)}
                <span className="muted small">
                  {" "}
                  {t("guest.search.perNight", {
                    price: formatMoney(fromCents(Math.round(toCents(room.total) / Math.max(1, room.nights.length))), room.currency),
                  })}
                </span>{" "}
                <TaxNote event={venue} className="small" />
              </span>
              <Link
                className="btn btn-small btn-secondary"
                to={link([room.id])}
                aria-label={t("guest.search.chooseRoom", { room: room.name })}
              >
                {t("guest.search.choose")}
              </Link>
            </div>
          </li>
        ))}
      </ul>
      <Link className="btn" to={link(venue.cheapest_rooms)}>
        {venue.cheapest_rooms.length > 1
          ? t("guest.search.bookBestMany", { count: formatNumber(venue.cheapest_rooms.length) })
          : t("guest.search.bookBest")}
      </Link>
    </article>
  );
}
