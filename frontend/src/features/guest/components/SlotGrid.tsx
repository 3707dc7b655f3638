/**
 * One day of a time-slot event: times down, rooms (or bays) across; each cell a button that
 * says whether it is free, live. Selected cells are pressed.
 */
import { useI18n } from "../../../i18n";
import type { Resource } from "../../../api/schema";
import { formatTime, formatTimeRange } from "../lib/format";
import { cellState } from "../lib/slotGrid";
import { useCount } from "../hooks/useCount";
import type { CellState, SlotGrid as Grid } from "../lib/slotGrid";

export function SlotGrid({
  grid,
  kind,
  timeZone,
  currency,
  now,
  availableOf,
  capacityOf,
  priceOf,
  selected,
  onPick,
}: {
  grid: Grid;
  kind: string;
  timeZone: string;
  currency: string;
  now: number;
  availableOf(slot: number): number;
  capacityOf(slot: number): number;
  priceOf(resource: Resource): string;
  selected: ReadonlySet<number>;
  onPick(resource: Resource, slot: number): void;
}) {
  const { t, lang, formatMoney, formatNumber } = useI18n();
  const count = useCount();
  const stateText = (state: CellState, available: number, capacity: number) => {
    if (state === "selected") return t("guest.cell.selected");
    if (state === "past") return t("guest.cell.past");
    if (state === "taken") return capacity > 1 ? t("guest.cell.full") : t("guest.cell.taken");
    return capacity > 1
      ? t("guest.cell.freeOf", { available: formatNumber(available), capacity: formatNumber(capacity) })
      : t("guest.cell.free");
  };
  return (
    <div className="slot-scroller">
      <table className="slot-grid" data-testid="slot-grid">
        <caption className="visually-hidden">{t("guest.grid.caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="corner">
              {t("guest.grid.time")}
            </th>
            {grid.resources.map((resource) => (
              <th scope="col" key={resource.id}>
                <span className="resource-name">{resource.name}</span>
                <span className="resource-meta">
                  {kind === "service"
                    ? count("guest.n.bays", resource.units)
                    : t("guest.grid.people", { count: formatNumber(resource.guest_capacity) })}
                  {" · "}
                  {formatMoney(priceOf(resource), currency)}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.time}>
              <th scope="row" className="time-cell">
                <time dateTime={row.startsAt}>{formatTime(lang, row.startsAt, timeZone)}</time>
              </th>
              {grid.resources.map((resource) => {
                const slot = row.cells.get(resource.id);
                if (slot === undefined) {
                  return (
                    <td key={resource.id} className="cell-none">
                      <span aria-label={t("guest.cell.none")}>—</span>
                    </td>
                  );
                }
                const available = availableOf(slot);
                const capacity = capacityOf(slot);
                const state = cellState({ available, selected: selected.has(slot), endsAt: row.endsAt, now });
                const text = stateText(state, available, capacity);
                return (
                  <td key={resource.id}>
                    <button
                      type="button"
                      className={`cell cell-${state}`}
                      data-slot={slot}
                      data-state={state}
                      aria-pressed={state === "selected"}
                      aria-disabled={state === "taken" || state === "past" || undefined}
                      aria-label={`${resource.name}, ${formatTimeRange(lang, row.startsAt, row.endsAt, timeZone)}, ${text}`}
                      onClick={() => (state === "free" || state === "selected") && onPick(resource, slot)}
                    >
                      {state === "selected" && <span aria-hidden="true">✓ </span>}
                      {text}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
