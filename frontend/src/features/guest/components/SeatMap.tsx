/**
 * A section's seats, row by row, as buttons: pressed when selected, greyed and crossed when
 * someone else holds them, updated live. One tab stop for the map; the arrow keys move from
 * seat to seat (the map keeps the venue's geometry in both languages).
 */
import { useEffect, useRef, useState } from "react";
import type { KeyboardEvent } from "react";
import { useI18n } from "../../../i18n";
import type { SeatCell, SeatSection } from "../lib/seats";

export type SeatState = "free" | "taken" | "selected";

export function SeatMap({
  section,
  stateOf,
  onToggle,
  priceText,
}: {
  section: SeatSection;
  stateOf(seat: SeatCell): SeatState;
  onToggle(seat: SeatCell): void;
  priceText: string;
}) {
  const { t, formatNumber } = useI18n();
  const grid = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  // On a narrow screen the map scrolls sideways: start in the middle, facing the stage.
  useEffect(() => {
    const element = scroller.current;
    if (element) element.scrollLeft = (element.scrollWidth - element.clientWidth) / 2;
  }, []);
  const [active, setActive] = useState<string | null>(null);
  const seats = section.rows.flatMap((row) => row.seats);
  const free = seats.filter((seat) => stateOf(seat) !== "taken").length;
  const activeLabel = active ?? seats.find((seat) => stateOf(seat) === "free")?.label ?? seats[0]?.label;

  const focusSeat = (rowIndex: number, seatIndex: number) => {
    const row = section.rows[Math.max(0, Math.min(section.rows.length - 1, rowIndex))];
    if (!row) return;
    const seat = row.seats[Math.max(0, Math.min(row.seats.length - 1, seatIndex))];
    setActive(seat.label);
    grid.current?.querySelector<HTMLButtonElement>(`[data-seat="${CSS.escape(seat.label)}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, rowIndex: number, seatIndex: number) => {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [rowIndex, seatIndex - 1],
      ArrowRight: [rowIndex, seatIndex + 1],
      ArrowUp: [rowIndex - 1, seatIndex],
      ArrowDown: [rowIndex + 1, seatIndex],
      Home: [rowIndex, 0],
      End: [rowIndex, Number.MAX_SAFE_INTEGER],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    focusSeat(move[0], move[1]);
  };

  const headingId = `seats-${section.name || "main"}`.replace(/\s+/g, "-");
  return (
    <section className="seat-section" aria-labelledby={headingId}>
      <div className="section-head">
        <h3 id={headingId}>{section.name || t("guest.seats.title")}</h3>
        <p className="muted">
          {priceText} · {t("guest.seats.free", { free: formatNumber(free), total: formatNumber(seats.length) })}
        </p>
      </div>
      <p className="muted small">{t("guest.seats.help")}</p>
      <div className="seat-scroller" dir="ltr" ref={scroller}>
        <div className="seat-map" dir="ltr" ref={grid} style={{ ["--seats" as string]: section.width }}>
          <div className="stage" aria-hidden="true">
            {t("guest.seats.stage")}
          </div>
          {section.rows.map((row, rowIndex) => (
            <div className="seat-row" key={row.row} role="group" aria-label={t("guest.seats.row", { row: row.row })}>
              <span className="row-label" aria-hidden="true">
                {row.row}
              </span>
              {row.seats.map((seat, seatIndex) => {
                const state = stateOf(seat);
                return (
                  <button
                    key={seat.label}
                    type="button"
                    className={`seat seat-${state}${seat.aisleBefore ? " aisle" : ""}`}
                    data-seat={seat.label}
                    data-state={state}
                    aria-pressed={state === "selected"}
                    aria-disabled={state === "taken" || undefined}
                    aria-label={t("guest.seat.label", { seat: seat.label, state: t(`guest.seat.${state}`) })}
                    tabIndex={seat.label === activeLabel ? 0 : -1}
                    onFocus={() => setActive(seat.label)}
                    onKeyDown={(event) => onKeyDown(event, rowIndex, seatIndex)}
                    onClick={() => state !== "taken" && onToggle(seat)}
                  >
                    {seat.number}
                  </button>
                );
              })}
              <span className="row-label" aria-hidden="true">
                {row.row}
              </span>
            </div>
          ))}
        </div>
      </div>
      <SeatLegend />
    </section>
  );
}

export function SeatLegend() {
  const { t } = useI18n();
  return (
    <ul className="legend" aria-label={t("guest.legend.title")}>
      <li>
        <span className="seat seat-free legend-swatch" aria-hidden="true" />
        {t("guest.legend.free")}
      </li>
      <li>
        <span className="seat seat-selected legend-swatch" aria-hidden="true" />
        {t("guest.legend.selected")}
      </li>
      <li>
        <span className="seat seat-taken legend-swatch" aria-hidden="true" />
        {t("guest.legend.taken")}
      </li>
    </ul>
  );
}
