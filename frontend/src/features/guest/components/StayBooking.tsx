/**
 * A resort: check-in, check-out and the party, then its rooms against the nights, live.
 * Choosing a room takes its slot for every night; the choice lives in the address (`rooms=`),
 * so the stay search can open this page with rooms already chosen.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { Loading } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { isNewUser } from "../../../shared/auth/session";
import { toCents } from "../../../shared/lib/money";
import { saveParty } from "../../../shared/lib/party";
import type { EventDetail } from "../../../api/schema";
import { BookingLayout, LiveNote } from "./BookingLayout";
import { BookingSummary } from "./BookingSummary";
import type { SummaryLine } from "./BookingSummary";
import { RoomNightsGrid } from "./RoomNightsGrid";
import { StayDates } from "./StayDates";
import { dateInZone, nightsOf, todayIn } from "../lib/dates";
import type { EventQuery } from "../lib/events";
import { formatDay } from "../lib/format";
import { bookableNights, buildStayGrid, selectedRooms } from "../lib/stayGrid";
import type { StayChoice } from "../lib/stayDates";
import { EMPTY_SELECTION, ofSlots, totalCents, units } from "../lib/selection";
import type { Selection } from "../lib/selection";
import { useCount } from "../hooks/useCount";
import { useHoldAction, useRestoredSelection } from "../hooks/useHoldAction";
import type { LiveAvailability } from "../hooks/useLiveAvailability";

export function StayBooking({
  event,
  availability,
  query,
  onQuery,
}: {
  event: EventDetail;
  availability: LiveAvailability;
  query: EventQuery;
  onQuery(patch: Partial<EventQuery>): void;
}) {
  const { t, lang, formatNumber } = useI18n();
  const tz = event.venue.time_zone;
  const count = useCount();
  const today = todayIn(tz);
  const { slots, slotById, availableOf } = availability;
  // The party chosen here (or in the stay search) waits for the checkout's guest form.
  const action = useHoldAction(event, availability.refresh, (hold) => saveParty(sessionStorage, hold.id, query.guests));
  const [announcement, setAnnouncement] = useState("");
  const [restored, setRestored] = useState(false);

  const nights = useMemo(() => nightsOf(query.checkIn, query.checkOut), [query.checkIn, query.checkOut]);
  const rows = useMemo(() => buildStayGrid(event.resources, slots ?? [], nights, tz), [event.resources, slots, nights, tz]);
  const chosen = useMemo(() => new Set(query.rooms), [query.rooms]);

  // The rooms chosen and free every night make the selection.
  const selection: Selection = useMemo(() => {
    if (!slots) return EMPTY_SELECTION;
    return ofSlots(
      rows.filter((row) => chosen.has(row.room.id)).flatMap((row) => bookableNights(row, nights, availableOf) ?? []),
    );
  }, [rows, chosen, nights, availableOf, slots]);

  // A chosen room someone else took for one of the nights is let go, and the guest told.
  // Never while a hold is on its way or the page is leaving for checkout: the first frame
  // may be the guest's own hold, and rewriting the address would undo the navigation.
  useEffect(() => {
    if (!slots || chosen.size === 0 || action.settling) return;
    const lost = rows.filter((row) => chosen.has(row.room.id) && !bookableNights(row, nights, availableOf));
    if (lost.length === 0) return;
    setAnnouncement(t("guest.live.lostRoom", { what: lost.map((row) => row.room.name).join(", ") }));
    onQuery({ rooms: query.rooms.filter((id) => !lost.some((row) => row.room.id === id)) });
  }, [slots, rows, chosen, nights, availableOf, onQuery, query.rooms, t, action.settling]);

  const restore = useCallback(
    (pending: Selection) => {
      const rooms = selectedRooms(rows, nights, new Set(pending.keys()));
      if (rooms.length) {
        onQuery({ rooms });
        setRestored(true);
      }
    },
    [rows, nights, onQuery],
  );
  useRestoredSelection(event.slug, slots !== null, restore);

  const touched = () => {
    setAnnouncement("");
    setRestored(false);
    action.clearProblem();
  };
  const toggleRoom = (room: number) => {
    touched();
    onQuery({ rooms: chosen.has(room) ? query.rooms.filter((id) => id !== room) : [...query.rooms, room] });
  };
  const changeStay = (stay: StayChoice) => {
    touched();
    onQuery({ checkIn: stay.checkIn, checkOut: stay.checkOut, guests: stay.guests });
  };

  const describeSlot = (slotId: number) => {
    const slot = slotById.get(slotId);
    const room = event.resources.find((resource) => resource.id === slot?.resource);
    return slot && room ? `${room.name}, ${formatDay(lang, dateInZone(slot.starts_at, tz))}` : t("guest.summary.item");
  };

  const nightCount = nights.length;
  const lines: SummaryLine[] = rows
    .filter((item) => chosen.has(item.room.id))
    .map((item) => {
      const roomSlots = bookableNights(item, nights, availableOf) ?? [];
      return {
        key: `room${item.room.id}`,
        title: item.room.name,
        detail: `${count("guest.n.nights", nightCount)} · ${formatDay(lang, query.checkIn)} – ${formatDay(lang, query.checkOut)}`,
        cents: roomSlots.reduce((sum, id) => sum + toCents(slotById.get(id)?.price ?? "0"), 0),
      };
    });

  const sleeps = rows.filter((item) => chosen.has(item.room.id)).reduce((sum, item) => sum + item.room.guest_capacity, 0);
  const partyNotice =
    chosen.size > 0 && sleeps < query.guests ? (
      <p className="notice notice-warn">
        {t("guest.nights.tooSmall", { sleeps: formatNumber(sleeps), guests: formatNumber(query.guests) })}
      </p>
    ) : null;

  const picker = (
    <>
      <LiveNote failed={Boolean(availability.liveError)} />
      <section className="stay-form card" aria-labelledby="stay-form-title">
        <h2 id="stay-form-title" className="picker-label">
          {t("guest.stay.when")}
        </h2>
        <div className="stay-fields">
          <StayDates
            idPrefix="stay"
            min={today}
            value={{ checkIn: query.checkIn, checkOut: query.checkOut, guests: query.guests }}
            onChange={changeStay}
          />
        </div>
        <p className="muted small">
          {t("guest.nights.summary", {
            nights: count("guest.n.nights", nightCount),
            from: formatDay(lang, query.checkIn),
            to: formatDay(lang, query.checkOut),
          })}
        </p>
      </section>
      <section className="grid-block" aria-labelledby="nights-title">
        <div className="section-head">
          <h2 id="nights-title">{t("guest.nights.title")}</h2>
          <p className="muted small">{t("guest.nights.help")}</p>
        </div>
        {slots === null ? (
          availability.error ? null : <Loading />
        ) : (
          <RoomNightsGrid
            rows={rows}
            nights={nights}
            currency={event.currency}
            guests={query.guests}
            availableOf={availableOf}
            heldByMe={availability.heldByMe}
            selectedRooms={chosen}
            onToggleRoom={toggleRoom}
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
          unitsText={`${count("guest.n.rooms", chosen.size)} · ${count("guest.n.nights", nightCount)}`}
          totalCents={totalCents(selection, (slot) => slotById.get(slot)?.price)}
          busy={action.busy}
          problem={action.problem}
          describeSlot={describeSlot}
          announcement={announcement}
          notice={
            <>
              {restored && <p className="notice notice-ok">{t(isNewUser() ? "guest.restoredNew" : "guest.restored")}</p>}
              {partyNotice}
            </>
          }
          hint={t("guest.summary.emptyStays")}
          onHold={() => action.hold(selection)}
          onClear={() => {
            touched();
            onQuery({ rooms: [] });
          }}
          onReplaceHold={() => action.replaceExisting(selection)}
        />
      }
    />
  );
}
