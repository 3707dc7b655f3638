/**
 * Time-slot events (meeting rooms by the half hour, service bays by the hour): a day, then
 * the grid of rooms × times, live. Several back-to-back slots of one room make one booking.
 */
import { useCallback, useMemo } from "react";
import { Loading } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { isNewUser } from "../../../shared/auth/session";
import { toCents } from "../../../shared/lib/money";
import type { EventDetail, Resource } from "../../../api/schema";
import { BookingLayout, LiveNote } from "./BookingLayout";
import { BookingSummary } from "./BookingSummary";
import type { SummaryLine } from "./BookingSummary";
import { DayPicker } from "./DayPicker";
import { SlotGrid } from "./SlotGrid";
import { dateSequence, todayIn } from "../lib/dates";
import type { IsoDate } from "../lib/dates";
import { BOOKING_DAYS } from "../lib/events";
import { formatDay, formatTimeRange, zoneName } from "../lib/format";
import { buildSlotGrid, nextRunSelection, runsOf } from "../lib/slotGrid";
import { EMPTY_SELECTION, ofSlots, totalCents, units } from "../lib/selection";
import { useCount } from "../hooks/useCount";
import { useBookingSelection } from "../hooks/useBookingSelection";
import { useHoldAction } from "../hooks/useHoldAction";
import type { LiveAvailability } from "../hooks/useLiveAvailability";
import { useNow } from "../hooks/useSelectionGuard";

export function SlotBooking({
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
  const { t, lang } = useI18n();
  const tz = event.venue.time_zone;
  const now = useNow();
  const today = todayIn(tz, new Date(now));
  const days = useMemo(() => dateSequence(today, BOOKING_DAYS), [today]);
  const { slots, slotById, availableOf, live } = availability;
  const count = useCount();
  const action = useHoldAction(event, availability.refresh);
  const max = event.max_quantity_per_hold;

  const bookable = useMemo(
    () => event.resources.filter((resource) => resource.kind === "space" || resource.kind === "service"),
    [event.resources],
  );
  const grid = useMemo(() => buildSlotGrid(bookable, slots ?? [], date, tz), [bookable, slots, date, tz]);
  const resourceById = useMemo(() => new Map(event.resources.map((r) => [r.id, r])), [event.resources]);

  const describeSlot = useCallback(
    (slotId: number) => {
      const slot = slotById.get(slotId);
      if (!slot) return t("guest.summary.item");
      const name = resourceById.get(slot.resource)?.name ?? "";
      return `${name} ${formatTimeRange(lang, slot.starts_at, slot.ends_at, tz)}`;
    },
    [slotById, resourceById, lang, tz, t],
  );

  const { selection, change, announcement, setAnnouncement, restored } = useBookingSelection(
    event,
    availability,
    describeSlot,
    action.clearProblem,
    action.settling,
  );

  const onPick = (resource: Resource, slot: number) => {
    const lane = grid.rows
      .map((row) => row.cells.get(resource.id))
      .filter((id): id is number => id !== undefined)
      .map((id) => slotById.get(id)!)
      .filter(Boolean);
    const isFree = (id: number) => availableOf(id) > 0 && Date.parse(slotById.get(id)?.ends_at ?? "") > now;
    const next = nextRunSelection([...selection.keys()], slot, lane, isFree, max);
    if (next.length === 1 && next[0] === slot && selection.size > 0 && !selection.has(slot) && max > 1) {
      const first = slotById.get([...selection.keys()][0]);
      if (first?.resource === resource.id) setAnnouncement(t("guest.grid.restarted"));
    }
    change(ofSlots(next));
  };

  const changeDay = (day: IsoDate) => {
    if (day === date) return;
    change(EMPTY_SELECTION);
    onDate(day);
  };

  const lines: SummaryLine[] = runsOf(selection.keys(), (id) => slotById.get(id)).map((run) => {
    const first = run.slots[0];
    const last = run.slots[run.slots.length - 1];
    return {
      key: `r${first.id}`,
      title: resourceById.get(run.resource)?.name ?? "",
      detail: `${formatDay(lang, date)} · ${formatTimeRange(lang, first.starts_at, last.ends_at, tz)}`,
      cents: run.slots.reduce((sum, slot) => sum + toCents(slot.price), 0),
    };
  });

  const capacityOf = (id: number) => live.get(id)?.capacity ?? slotById.get(id)?.capacity ?? 1;
  const picker = (
    <>
      <LiveNote failed={Boolean(availability.liveError)} />
      <DayPicker days={days} value={date} today={today} onChange={changeDay} />
      <section className="grid-block" aria-labelledby="grid-title">
        <div className="section-head">
          <h2 id="grid-title">{t(event.kind === "service" ? "guest.grid.titleService" : "guest.grid.titleRooms")}</h2>
          <p className="muted small">
            {max > 1 ? t("guest.grid.helpRun") : t("guest.grid.helpOne")} {t("guest.grid.zone", { zone: zoneName(lang, tz) })}
          </p>
        </div>
        {slots === null ? (
          availability.error ? null : <Loading />
        ) : grid.rows.length === 0 ? (
          <p className="empty-state">{t("guest.grid.none")}</p>
        ) : (
          <SlotGrid
            grid={grid}
            kind={event.kind}
            timeZone={tz}
            currency={event.currency}
            now={now}
            availableOf={availableOf}
            capacityOf={capacityOf}
            priceOf={(resource) => slots.find((slot) => slot.resource === resource.id)?.price ?? resource.price}
            selected={new Set(selection.keys())}
            onPick={onPick}
          />
        )}
      </section>
    </>
  );

  return (
    <BookingLayout
      picker={picker}
      summary={
        <BookingSummary
          event={event}
          lines={lines}
          units={units(selection)}
          unitsText={count("guest.n.slots", units(selection))}
          totalCents={totalCents(selection, (slot) => slotById.get(slot)?.price)}
          busy={action.busy}
          problem={action.problem}
          describeSlot={describeSlot}
          announcement={announcement}
          notice={restored ? <p className="notice notice-ok">{t(isNewUser() ? "guest.restoredNew" : "guest.restored")}</p> : null}
          hint={t(event.kind === "service" ? "guest.summary.emptyService" : "guest.summary.emptyRooms")}
          onHold={() => action.hold(selection)}
          onClear={() => change(EMPTY_SELECTION)}
          onReplaceHold={() => action.replaceExisting(selection)}
        />
      }
    />
  );
}
