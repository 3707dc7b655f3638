/**
 * A resort's rooms against the nights of the stay: each night free or taken, live; a room
 * can be chosen when it is free every night (one slot per night is held).
 */
import { useI18n } from "../../../i18n";
import type { IsoDate } from "../lib/dates";
import { dayParts, formatDay } from "../lib/format";
import { bookableNights, roomType } from "../lib/stayGrid";
import type { StayRow } from "../lib/stayGrid";
import { fromCents, toCents } from "../../../shared/lib/money";

export function RoomNightsGrid({
  rows,
  nights,
  currency,
  guests,
  availableOf,
  heldByMe = () => 0,
  selectedRooms,
  onToggleRoom,
}: {
  rows: StayRow[];
  nights: IsoDate[];
  currency: string;
  guests: number;
  availableOf(slot: number): number;
  /** Units of a slot the guest holds themselves: shown as their hold, never as taken. */
  heldByMe?(slot: number): number;
  selectedRooms: ReadonlySet<number>;
  onToggleRoom(room: number): void;
}) {
  const { t, lang, formatMoney, formatNumber } = useI18n();
  return (
    <div className="slot-scroller">
      <table className="nights-grid" data-testid="nights-grid">
        <caption className="visually-hidden">{t("guest.nights.caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="corner">
              {t("guest.nights.room")}
            </th>
            {nights.map((night) => {
              const parts = dayParts(lang, night);
              return (
                <th scope="col" key={night} className="night-head">
                  <abbr title={formatDay(lang, night, { weekday: "long", month: "long" })}>
                    <span className="day-weekday">{parts.weekday}</span>
                    <span className="day-number">{parts.day}</span>
                    <span className="day-month">{parts.month}</span>
                  </abbr>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const slots = bookableNights(row, nights, availableOf);
            const chosen = selectedRooms.has(row.room.id);
            const total = nights.reduce((sum, night) => sum + toCents(row.nights.get(night)?.price ?? row.room.price), 0);
            const type = roomType(row.room);
            const small = row.room.guest_capacity < guests;
            return (
              <tr key={row.room.id} className={chosen ? "is-selected" : undefined} data-room={row.room.id}>
                <th scope="row" className="room-cell">
                  <span className="resource-name">{row.room.name}</span>
                  <span className="resource-meta">
                    {type && !row.room.name.startsWith(type) ? `${type} · ` : ""}
                    {t("guest.nights.sleeps", { count: formatNumber(row.room.guest_capacity) })}
                    {small && <span className="too-small"> · {t("guest.nights.small")}</span>}
                  </span>
                  <span className="choose">
                  <button
                    type="button"
                    className={`btn btn-small ${chosen ? "" : "btn-secondary"}`}
                    aria-pressed={chosen}
                    disabled={!slots && !chosen}
                    aria-label={t(
                      chosen ? "guest.nights.chosenLabel" : slots ? "guest.nights.chooseLabel" : "guest.nights.unavailableLabel",
                      {
                        room: row.room.name,
                        total: formatMoney(fromCents(total), currency),
                      },
                    )}
                    onClick={() => onToggleRoom(row.room.id)}
                  >
                    {chosen ? `✓ ${t("guest.nights.chosen")}` : slots ? t("guest.nights.choose") : t("guest.nights.unavailable")}
                  </button>
                  {slots && <span className="choose-total">{formatMoney(fromCents(total), currency)}</span>}
                  </span>
                </th>
                {nights.map((night) => {
                  const slot = row.nights.get(night);
                  const state = !slot
                    ? "none"
                    : chosen
                      ? "selected"
                      : heldByMe(slot.id) > 0
                        ? "yours"
                        : availableOf(slot.id) > 0
                          ? "free"
                          : "taken";
                  const label = {
                    none: t("guest.cell.none"),
                    selected: t("guest.cell.selected"),
                    free: t("guest.cell.free"),
                    yours: t("guest.cell.yourHold"),
                    taken: t("guest.cell.taken"),
                  }[state];
                  return (
                    <td key={night} className={`night night-${state}`} data-slot={slot?.id} data-state={state}>
                      <span className="night-state">{label}</span>
                      {slot && state !== "taken" && (
                        <span className="night-price">{formatMoney(slot.price, currency)}</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
