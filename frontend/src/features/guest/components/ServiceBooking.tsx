/**
 * The repair shop's appointment: the vehicle (type, brand, a searchable model), the services
 * with this model's prices and a running total, at the shop or at home (the service area
 * checked as it is typed), then a day and a start time offered only where enough consecutive
 * bay-slots are free, live. Holding those slots goes on to checkout with the order.
 */
import { useCallback, useMemo, useState } from "react";
import { TextField } from "../../../components/Field";
import { ErrorNotice, Loading } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { TaxNote } from "../../../components/TaxNote";
import type { EventDetail, Hold, PricedService } from "../../../api/schema";
import {
  areaCheck,
  saveOrder,
  serviceTermsOf,
  slotMinutesOf,
  slotsNeeded,
  startOptions,
  totalCents,
  workMinutes,
} from "../../../shared/lib/repair";
import type { Location } from "../../../shared/lib/repair";
import { isolate, joinIsolated } from "../../../shared/lib/bidi";
import { toCents } from "../../../shared/lib/money";
import { catalog } from "../api/catalog";
import { BookingLayout, LiveNote } from "./BookingLayout";
import { BookingSummary } from "./BookingSummary";
import type { SummaryLine } from "./BookingSummary";
import { DayPicker } from "./DayPicker";
import { dateInZone, dateSequence, todayIn } from "../lib/dates";
import type { IsoDate } from "../lib/dates";
import { BOOKING_DAYS } from "../lib/events";
import { formatDay, formatTime, formatTimeRange, zoneName } from "../lib/format";
import { ofSlots } from "../lib/selection";
import { useHoldAction } from "../hooks/useHoldAction";
import { useLoad } from "../../../shared/hooks/useLoad";
import type { LiveAvailability } from "../hooks/useLiveAvailability";
import { useNow } from "../hooks/useSelectionGuard";
import "../repair.css";

interface Draft {
  type: number | null;
  brand: number | null;
  model: number | null;
  services: number[];
  location: Location;
  city: string;
  postcode: string;
  /** The chosen start (an ISO instant), kept while it stays free. */
  start: string | null;
}

const EMPTY: Draft = { type: null, brand: null, model: null, services: [], location: "shop", city: "", postcode: "", start: null };
const draftKey = (slug: string) => `gh.repair.draft.${slug}`;

/** The choices survive a reload and the round trip through sign-in. */
function useDraft(slug: string): [Draft, (patch: Partial<Draft>) => void] {
  const [draft, setDraft] = useState<Draft>(() => {
    try {
      return { ...EMPTY, ...(JSON.parse(sessionStorage.getItem(draftKey(slug)) ?? "null") ?? {}) };
    } catch {
      return EMPTY;
    }
  });
  const change = useCallback(
    (patch: Partial<Draft>) =>
      setDraft((old) => {
        const next = { ...old, ...patch };
        sessionStorage.setItem(draftKey(slug), JSON.stringify(next));
        return next;
      }),
    [slug],
  );
  return [draft, change];
}

export function ServiceBooking({
  event,
  availability,
  date,
  onDate,
}: {
  event: EventDetail;
  availability: LiveAvailability;
  date: IsoDate;
  onDate(date: IsoDate): void;
}) {
  const { t, lang, formatMoney, formatNumber } = useI18n();
  const slug = event.slug;
  const tz = event.venue.time_zone;
  const terms = serviceTermsOf(event);
  const now = useNow();
  const today = todayIn(tz, new Date(now));
  const days = useMemo(() => dateSequence(today, BOOKING_DAYS), [today]);
  const [draft, change] = useDraft(slug);
  const [search, setSearch] = useState("");

  const types = useLoad((signal) => catalog.vehicleTypes(slug, signal), slug);
  const brands = useLoad((signal) => catalog.brands(slug, draft.type!, signal), draft.type ? `${slug}:${draft.type}` : null);
  const models = useLoad((signal) => catalog.models(slug, draft.brand!, signal), draft.brand ? `${slug}:${draft.brand}` : null);
  const categories = useLoad((signal) => catalog.categories(slug, signal), slug);
  const services = useLoad((signal) => catalog.services(slug, signal), slug);
  const pricing = useLoad((signal) => catalog.pricing(slug, draft.model!, signal), draft.model ? `${slug}:m${draft.model}` : null);

  const offered: PricedService[] = useMemo(() => pricing.data?.services ?? [], [pricing.data]);
  const chosen = useMemo(() => draft.services.filter((id) => offered.some((s) => s.id === id)), [draft.services, offered]);
  const durationOf = (service: PricedService) =>
    service.duration_minutes ?? services.data?.find((s) => s.id === service.id)?.duration_minutes ?? 0;
  const homeOffered = terms.homeVisitFee !== null;
  const location: Location = homeOffered ? draft.location : "shop";
  const minutes = workMinutes(
    offered.filter((s) => chosen.includes(s.id)).map(durationOf),
    location,
    terms.travelMinutes,
  );
  const area = location === "home" ? areaCheck(terms.serviceArea, draft.city, draft.postcode) : "inside";
  const whereReady = location === "shop" || area === "inside";

  // The day's bay-slots, and the start times with enough consecutive free slots.
  const bays = useMemo(() => new Set(event.resources.filter((r) => r.kind === "service").map((r) => r.id)), [event.resources]);
  const daySlots = useMemo(
    () => (availability.slots ?? []).filter((slot) => bays.has(slot.resource) && dateInZone(slot.starts_at, tz) === date),
    [availability.slots, bays, tz, date],
  );
  const slotLength = daySlots.length ? slotMinutesOf(daySlots[0]) : 60;
  const count = slotsNeeded(minutes, slotLength);
  const tooLong = count > event.max_quantity_per_hold;
  const options = useMemo(
    () => (tooLong ? [] : startOptions(daySlots, count, (id) => availability.availableOf(id) > 0, now)),
    [daySlots, count, availability, now, tooLong],
  );
  const bayCount = daySlots.length
    ? Math.max(...daySlots.map((slot) => availability.live.get(slot.id)?.capacity ?? slot.capacity))
    : 0;
  const picked = options.find((option) => option.start.starts_at === draft.start) ?? null;
  const lost = draft.start !== null && !picked && availability.slots !== null && count > 0;

  const model = models.data?.find((m) => m.id === draft.model);
  const brand = brands.data?.find((b) => b.id === draft.brand);
  const type = types.data?.find((v) => v.id === draft.type);
  const vehicleLabel = [type?.name, [brand?.name, model?.name].filter(Boolean).join(" ")].filter(Boolean).join(" · ");

  const onHeld = useCallback(
    (hold: Hold) =>
      saveOrder(sessionStorage, hold.id, {
        event: slug,
        vehicleModel: draft.model!,
        vehicleLabel,
        services: offered.filter((s) => chosen.includes(s.id)).map(({ id, name, price }) => ({ id, name, price })),
        location,
        city: draft.city.trim(),
        postcode: draft.postcode.trim(),
        homeFee: terms.homeVisitFee,
        currency: pricing.data?.currency ?? event.currency,
      }),
    [slug, draft, vehicleLabel, offered, chosen, location, terms.homeVisitFee, pricing.data, event.currency],
  );
  const action = useHoldAction(event, availability.refresh, onHeld);

  const visibleModels = (models.data ?? []).filter((m) => m.name.toLowerCase().includes(search.trim().toLowerCase()));
  const byCategory = (categories.data ?? []).map((category) => ({
    category,
    items: offered.filter((s) => s.category === category.id),
  }));
  const uncategorised = offered.filter((s) => !categories.data?.some((c) => c.id === s.category));
  if (uncategorised.length) byCategory.push({ category: { id: 0, name: t("repair.services.other") }, items: uncategorised });

  const toggle = (id: number) =>
    change({ services: chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id] });

  const lines: SummaryLine[] = [
    ...offered
      .filter((s) => chosen.includes(s.id))
      .map((s) => ({ key: `s${s.id}`, title: s.name, cents: toCents(s.price) })),
    ...(location === "home" && terms.homeVisitFee !== null && chosen.length
      ? [{ key: "home", title: t("repair.line.homeVisit"), cents: toCents(terms.homeVisitFee) }]
      : []),
  ];
  const total = totalCents(offered, chosen, terms.homeVisitFee, location);
  const ready = Boolean(draft.model && chosen.length && whereReady && picked);
  const missing = !draft.model
    ? t("repair.need.vehicle")
    : !chosen.length
      ? t("repair.need.services")
      : !whereReady
        ? t("repair.need.address")
        : !picked
          ? t("repair.need.time")
          : "";

  const servicesText =
    chosen.length === 1 ? t("repair.services.runningOne") : t("repair.services.running", { n: formatNumber(chosen.length) });
  const hours = (value: number) => formatNumber(Math.round((value / 60) * 10) / 10);

  const picker = (
    <>
      <section className="card repair-step" aria-labelledby="repair-vehicle">
        <h2 id="repair-vehicle" className="repair-h2">
          <span className="repair-n">{formatNumber(1)}</span>
          {t("repair.vehicle.title")}
        </h2>
        {types.error ? <ErrorNotice error={types.error} onRetry={types.reload} /> : null}
        <div className="chip-row" role="group" aria-label={t("repair.vehicle.type")}>
          {(types.data ?? []).map((v) => (
            <button
              key={v.id}
              type="button"
              className="chip"
              aria-pressed={draft.type === v.id}
              onClick={() => change({ type: v.id, brand: null, model: null, start: null })}
            >
              {v.name}
            </button>
          ))}
        </div>
        {draft.type && (
          <>
            <h3 className="picker-label">{t("repair.vehicle.brand")}</h3>
            {brands.loading && <Loading />}
            <div className="chip-row chip-wrap" role="group" aria-label={t("repair.vehicle.brand")}>
              {(brands.data ?? []).map((b) => (
                <button
                  key={b.id}
                  type="button"
                  className="chip"
                  aria-pressed={draft.brand === b.id}
                  onClick={() => {
                    setSearch("");
                    change({ brand: b.id, model: null, start: null });
                  }}
                >
                  {b.name}
                </button>
              ))}
            </div>
          </>
        )}
        {draft.brand && (
          <>
            <TextField
              id="repair-model-search"
              label={t("repair.vehicle.model")}
              type="search"
              placeholder={t("repair.vehicle.search")}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            {models.loading && <Loading />}
            <div className="chip-row chip-wrap" role="group" aria-label={t("repair.vehicle.model")}>
              {visibleModels.map((m) => (
                <button
                  key={m.id}
                  type="button"
                  className="chip"
                  aria-pressed={draft.model === m.id}
                  onClick={() => change({ model: m.id, start: null })}
                >
                  {m.name}
                </button>
              ))}
              {models.data && visibleModels.length === 0 && <p className="muted small">{t("repair.vehicle.noMatch")}</p>}
            </div>
          </>
        )}
      </section>

      <section className="card repair-step" aria-labelledby="repair-services">
        <h2 id="repair-services" className="repair-h2">
          <span className="repair-n">{formatNumber(2)}</span>
          {t("repair.services.title")}
        </h2>
        {!draft.model ? (
          <p className="muted">{t("repair.services.pickVehicle")}</p>
        ) : pricing.error ? (
          <ErrorNotice error={pricing.error} onRetry={pricing.reload} />
        ) : !pricing.data ? (
          <Loading />
        ) : (
          <>
            {byCategory
              .filter((group) => group.items.length)
              .map(({ category, items }) => (
                <fieldset key={category.id} className="repair-group">
                  <legend>{category.name}</legend>
                  {items.map((s) => (
                    <label key={s.id} className="repair-service">
                      <input type="checkbox" checked={chosen.includes(s.id)} onChange={() => toggle(s.id)} />
                      <span className="repair-service-name">
                        {s.name}
                        <span className="muted small">
                          {t("repair.minutes", { n: formatNumber(durationOf(s)) })}
                        </span>
                      </span>
                      <span className="repair-price">{formatMoney(s.price, pricing.data!.currency)}</span>
                    </label>
                  ))}
                </fieldset>
              ))}
            <p className="repair-running" data-testid="repair-running">
              <span>
                {servicesText}
                {minutes > 0 && <span className="muted"> · {t("repair.hours", { n: hours(minutes) })}</span>}
              </span>
              <span>
                <strong>{formatMoney((total / 100).toFixed(2), pricing.data.currency)}</strong> <TaxNote event={event} />
              </span>
            </p>
          </>
        )}
      </section>

      <section className="card repair-step" aria-labelledby="repair-where">
        <h2 id="repair-where" className="repair-h2">
          <span className="repair-n">{formatNumber(3)}</span>
          {t("repair.where.title")}
        </h2>
        <div className="repair-where" role="radiogroup" aria-labelledby="repair-where">
          <label className="repair-radio">
            <input type="radio" name="repair-location" checked={location === "shop"} onChange={() => change({ location: "shop", start: null })} />
            <span>
              <strong>{t("repair.where.shop")}</strong>
              <span className="muted small">
                {event.venue.address.includes(event.venue.city)
                  ? event.venue.address
                  : joinIsolated([event.venue.address, event.venue.city])}
              </span>
            </span>
          </label>
          {homeOffered && (
            <label className="repair-radio">
              <input type="radio" name="repair-location" checked={location === "home"} onChange={() => change({ location: "home", start: null })} />
              <span>
                <strong>{t("repair.where.home")}</strong>
                <span className="muted small">
                  {t("repair.where.homeNote", {
                    fee: formatMoney(terms.homeVisitFee!, event.currency),
                    minutes: formatNumber(terms.travelMinutes),
                  })}
                </span>
              </span>
            </label>
          )}
        </div>
        {location === "home" && (
          <div className="repair-area">
            <div className="repair-two">
              <TextField
                id="repair-city"
                label={t("repair.where.city")}
                autoComplete="address-level2"
                maxLength={100}
                value={draft.city}
                onChange={(e) => change({ city: e.target.value })}
              />
              <TextField
                id="repair-postcode"
                label={t("repair.where.postcode")}
                dir="ltr"
                inputMode="numeric"
                autoComplete="postal-code"
                maxLength={12}
                value={draft.postcode}
                onChange={(e) => change({ postcode: e.target.value })}
              />
            </div>
            <p className="muted small">
              {t("repair.where.area", { area: terms.serviceArea.map(isolate).join(lang === "ar" ? "، " : ", ") })}
            </p>
            {area === "outside" && (
              <p className="notice notice-warn" role="alert" data-testid="outside-area">
                {t("repair.where.outside")}
              </p>
            )}
            {area === "inside" && <p className="notice notice-ok">{t("repair.where.inside")}</p>}
          </div>
        )}
      </section>

      <section className="card repair-step" aria-labelledby="repair-when">
        <h2 id="repair-when" className="repair-h2">
          <span className="repair-n">{formatNumber(4)}</span>
          {t("repair.when.title")}
        </h2>
        <LiveNote failed={Boolean(availability.liveError)} />
        <DayPicker
          days={days}
          value={date}
          today={today}
          onChange={(day) => {
            if (day !== date) {
              change({ start: null });
              onDate(day);
            }
          }}
        />
        <p className="muted small">
          {count > 0
            ? count === 1
              ? t("repair.when.needsOne", { hours: hours(minutes) })
              : t("repair.when.needs", { n: formatNumber(count), hours: hours(minutes) })
            : t("repair.when.pickServices")}{" "}
          {t("guest.grid.zone", { zone: zoneName(lang, tz) })}
        </p>
        {lost && (
          <p className="notice notice-warn" role="status">
            {t("repair.when.lost")}
          </p>
        )}
        {tooLong ? (
          <p className="notice notice-warn">{t("repair.when.tooLong", { n: formatNumber(event.max_quantity_per_hold) })}</p>
        ) : count === 0 ? null : availability.slots === null ? (
          availability.error ? null : <Loading />
        ) : options.length === 0 ? (
          <p className="empty-state">{t("repair.when.none")}</p>
        ) : (
          <div className="repair-times" role="group" aria-label={t("repair.when.times")} data-testid="start-times">
            {options.map((option) => (
              <button
                key={option.start.starts_at}
                type="button"
                className="chip repair-time"
                aria-pressed={picked?.start.starts_at === option.start.starts_at}
                aria-label={t("repair.when.option", {
                  range: formatTimeRange(lang, option.start.starts_at, option.ends_at, tz),
                  free: formatNumber(Math.min(...option.slots.map((id) => availability.availableOf(id)))),
                  bays: formatNumber(bayCount),
                })}
                title={formatTimeRange(lang, option.start.starts_at, option.ends_at, tz)}
                onClick={() => {
                  action.clearProblem();
                  change({ start: option.start.starts_at });
                }}
              >
                {formatTime(lang, option.start.starts_at, tz)}
              </button>
            ))}
          </div>
        )}
      </section>
    </>
  );

  const facts = (
    <dl className="repair-facts">
      <dt>{t("repair.fact.vehicle")}</dt>
      <dd>{vehicleLabel || "—"}</dd>
      <dt>{t("repair.fact.where")}</dt>
      <dd>{location === "home" ? t("repair.where.home") : t("repair.where.shop")}</dd>
      <dt>{t("repair.fact.when")}</dt>
      <dd>{picked ? `${formatDay(lang, date)} · ${formatTimeRange(lang, picked.start.starts_at, picked.ends_at, tz)}` : "—"}</dd>
    </dl>
  );

  return (
    <BookingLayout
      picker={picker}
      summary={
        <BookingSummary
          event={event}
          lines={lines}
          units={chosen.length}
          unitsText={servicesText}
          totalCents={total}
          busy={action.busy}
          problem={action.problem}
          describeSlot={(id) => {
            const slot = availability.slotById.get(id);
            return slot ? formatTimeRange(lang, slot.starts_at, slot.ends_at, tz) : t("guest.summary.item");
          }}
          announcement=""
          notice={
            <>
              {facts}
              {missing && <p className="muted small">{missing}</p>}
            </>
          }
          hint={t("repair.summary.empty")}
          ready={ready}
          onHold={() => picked && ready && action.hold(ofSlots(picked.slots))}
          onClear={() => change({ ...EMPTY, type: draft.type, brand: draft.brand, model: draft.model })}
          onReplaceHold={() => picked && action.replaceExisting(ofSlots(picked.slots))}
        />
      }
    />
  );
}
