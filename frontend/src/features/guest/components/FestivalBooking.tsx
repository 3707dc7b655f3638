/** A festival: ticket types with quantities, and a live seat map for the seated sections. */
import { useCallback, useMemo } from "react";
import { Loading } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { isNewUser } from "../../../shared/auth/session";
import { toCents } from "../../../shared/lib/money";
import type { EventDetail } from "../../../api/schema";
import { BookingLayout, LiveNote } from "./BookingLayout";
import { BookingSummary } from "./BookingSummary";
import type { SummaryLine } from "./BookingSummary";
import { BestAvailable } from "./BestAvailable";
import { SeatMap } from "./SeatMap";
import type { SeatState } from "./SeatMap";
import { TicketTypes } from "./TicketTypes";
import type { TicketTypeRow } from "./TicketTypes";
import { buildSeatMap, seatLabelOf } from "../lib/seats";
import type { SeatCell } from "../lib/seats";
import { EMPTY_SELECTION, toggled, totalCents, units, withQuantity } from "../lib/selection";
import { useCount } from "../hooks/useCount";
import { useBookingSelection } from "../hooks/useBookingSelection";
import { useHoldAction } from "../hooks/useHoldAction";
import type { LiveAvailability } from "../hooks/useLiveAvailability";

export function FestivalBooking({ event, availability }: { event: EventDetail; availability: LiveAvailability }) {
  const { t, formatMoney, formatNumber } = useI18n();
  const { slots, slotById, availableOf } = availability;
  const count = useCount();
  const action = useHoldAction(event, availability.refresh);
  const max = event.max_quantity_per_hold;

  const resourceById = useMemo(() => new Map(event.resources.map((r) => [r.id, r])), [event.resources]);
  /** The performance's slot of each resource (the earliest one still to come). */
  const slotOfResource = useMemo(() => {
    const map = new Map<number, number>();
    for (const slot of slots ?? []) if (!map.has(slot.resource)) map.set(slot.resource, slot.id);
    return map;
  }, [slots]);
  const sections = useMemo(
    () => buildSeatMap(event.resources, (id) => slotOfResource.get(id) ?? null, event.sections),
    [event.resources, event.sections, slotOfResource],
  );
  const tickets = event.resources.filter((resource) => resource.kind === "ticket");

  const describeSlot = useCallback(
    (slotId: number) => {
      const resource = resourceById.get(slotById.get(slotId)?.resource ?? -1);
      const seat = seatLabelOf(resource);
      return seat ? t("guest.seat.name", { seat }) : (resource?.name ?? t("guest.summary.item"));
    },
    [resourceById, slotById, t],
  );
  const priceOf = (slotId: number) => slotById.get(slotId)?.price;

  const { selection, change, announcement, setAnnouncement, restored } = useBookingSelection(
    event,
    availability,
    describeSlot,
    action.clearProblem,
    action.settling,
  );

  const onSeat = (seat: SeatCell) => {
    if (seat.slot === null) return;
    if (!selection.has(seat.slot) && units(selection) >= max) {
      setAnnouncement(t("guest.limit", { max: formatNumber(max) }));
      return;
    }
    change(toggled(selection, seat.slot));
  };
  const seatState = (seat: SeatCell): SeatState => {
    if (seat.slot === null) return "taken";
    if (selection.has(seat.slot)) return "selected";
    return availableOf(seat.slot) > 0 ? "free" : "taken";
  };

  const taken = units(selection);
  const ticketRows: TicketTypeRow[] = tickets.map((resource) => {
    const slot = slotOfResource.get(resource.id) ?? null;
    const quantity = slot === null ? 0 : (selection.get(slot) ?? 0);
    const available = slot === null ? 0 : availableOf(slot);
    return {
      resource,
      slot,
      price: (slot !== null && slotById.get(slot)?.price) || resource.price,
      available,
      capacity: (slot !== null && slotById.get(slot)?.capacity) || resource.units,
      quantity,
      max: Math.min(available, max - (taken - quantity)),
    };
  });

  const lines: SummaryLine[] = [];
  for (const row of ticketRows) {
    if (row.quantity > 0 && row.slot !== null) {
      lines.push({
        key: `t${row.slot}`,
        title: `${row.resource.name} × ${row.quantity}`,
        detail: formatMoney(row.price, event.currency),
        cents: toCents(row.price) * row.quantity,
      });
    }
  }
  for (const section of sections) {
    for (const seat of section.rows.flatMap((row) => row.seats)) {
      if (seat.slot !== null && selection.has(seat.slot)) {
        lines.push({
          key: `s${seat.slot}`,
          title: t("guest.seat.name", { seat: seat.label }),
          detail: [section.label, section.tier].filter(Boolean).join(" · ") || undefined,
          cents: toCents(priceOf(seat.slot) ?? seat.price),
        });
      }
    }
  }

  if (availability.slots === null) return availability.error ? null : <Loading />;

  const picker = (
    <>
      <LiveNote failed={Boolean(availability.liveError)} />
      {ticketRows.length > 0 && (
        <TicketTypes
          rows={ticketRows}
          currency={event.currency}
          onQuantity={(slot, quantity) => change(withQuantity(selection, slot, quantity))}
        />
      )}
      {sections.length > 0 && (
        <section className="seats-block" aria-labelledby="seats-title">
          <div className="section-head">
            <h2 id="seats-title">{t("guest.seats.title")}</h2>
          </div>
          <BestAvailable slug={event.slug} sections={sections} max={max} onSoldOut={availability.refresh} />
          <SeatMap sections={sections} stateOf={seatState} onToggle={onSeat} currency={event.currency} />
        </section>
      )}
    </>
  );

  return (
    <BookingLayout
      picker={picker}
      summary={
        <BookingSummary
          event={event}
          lines={lines}
          units={taken}
          unitsText={count("guest.n.tickets", taken)}
          totalCents={totalCents(selection, (slot) => priceOf(slot))}
          busy={action.busy}
          problem={action.problem}
          describeSlot={describeSlot}
          announcement={announcement}
          notice={restored ? <p className="notice notice-ok">{t(isNewUser() ? "guest.restoredNew" : "guest.restored")}</p> : null}
          hint={t("guest.summary.emptyFestival")}
          onHold={() => action.hold(selection)}
          onClear={() => change(EMPTY_SELECTION)}
          onReplaceHold={() => action.replaceExisting(selection)}
        />
      }
    />
  );
}
