/**
 * The seat map: every section on one plane (the stage on top, labelled sections in their
 * price tier's colour, row letters on both sides, aisles as space), opened fitted to the
 * viewport; zoom with the buttons, the wheel or a pinch, pan by dragging. Each seat is a
 * button named for a screen reader ("Section Floor, row A, seat 5, 450 SAR, available"),
 * pressed when chosen; one tab stop for the map and the arrow keys move from seat to seat.
 * Changes to a seat the guest picked or has in focus are announced politely.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { KeyboardEvent, PointerEvent as ReactPointerEvent } from "react";
import { useI18n } from "../../../i18n";
import type { PriceTier, SeatCell, SeatSection } from "../lib/seats";
import { priceTiers, tierOf } from "../lib/seats";
import {
  KEY_DIRECTIONS,
  SEAT,
  ZOOM_STEP,
  clampView,
  fitScale,
  fitView,
  layoutSeatMap,
  panBy,
  revealSeat,
  rowEnd,
  seatInDirection,
  seatKey,
  zoomAt,
} from "../lib/seatMap";
import type { PlacedSeat, View } from "../lib/seatMap";
import "../seatmap.css";

export type SeatState = "free" | "taken" | "selected";

/** The viewport is never taller than this share of the window (the rest of the page stays). */
const MAX_HEIGHT_SHARE = 0.7;
const DRAG_THRESHOLD = 5;

export function SeatMap({
  sections,
  stateOf,
  onToggle,
  currency,
}: {
  sections: SeatSection[];
  stateOf(seat: SeatCell): SeatState;
  onToggle(seat: SeatCell): void;
  currency: string;
}) {
  const { t, formatMoney, formatNumber } = useI18n();
  const layout = useMemo(() => layoutSeatMap(sections), [sections]);
  const tiers = useMemo(() => priceTiers(sections), [sections]);
  const viewport = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [view, setView] = useState<View | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [said, setSaid] = useState("");

  // The viewport's width follows the page; its height is the fitted map's, within limits.
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const measure = () => {
      const width = element.clientWidth;
      const cap = Math.max(260, window.innerHeight * MAX_HEIGHT_SHARE);
      const scale = fitScale(layout, width, cap);
      setSize({ width, height: Math.min(cap, Math.ceil(layout.height * scale + 16)) });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [layout]);

  const minScale = size.width ? fitScale(layout, size.width, size.height) * 0.8 : 0.05;
  const fitted = useMemo(() => (size.width ? fitView(layout, size) : null), [layout, size]);
  // Opened (and resized) fitted: the whole map in view.
  useEffect(() => setView(fitted), [fitted]);
  const current = view ?? fitted;

  const apply = useCallback(
    (next: (view: View) => View) =>
      setView((previous) => {
        const base = previous ?? fitted;
        return base ? clampView(next(base), layout, size, minScale) : previous;
      }),
    [fitted, layout, minScale, size],
  );
  const zoomBy = (factor: number) => apply((v) => zoomAt(v, factor, { x: size.width / 2, y: size.height / 2 }));

  // The wheel zooms around the pointer (a non-passive listener, so the page does not scroll).
  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = element.getBoundingClientRect();
      const factor = Math.exp(-event.deltaY * (event.ctrlKey ? 0.01 : 0.0015));
      apply((v) => zoomAt(v, factor, { x: event.clientX - box.left, y: event.clientY - box.top }));
    };
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => element.removeEventListener("wheel", onWheel);
  }, [apply]);

  // Drag to pan; two fingers pinch to zoom. A drag never counts as a tap on a seat.
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef({ moved: 0, pinch: 0 });
  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.current.size === 1) gesture.current = { moved: 0, pinch: 0 };
    if (pointers.current.size === 2) gesture.current.pinch = spread(pointers.current);
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const last = pointers.current.get(event.pointerId);
    if (!last) return;
    const dx = event.clientX - last.x;
    const dy = event.clientY - last.y;
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.current.size === 2) {
      const distance = spread(pointers.current);
      const box = event.currentTarget.getBoundingClientRect();
      const [a, b] = [...pointers.current.values()];
      const at = { x: (a.x + b.x) / 2 - box.left, y: (a.y + b.y) / 2 - box.top };
      if (gesture.current.pinch > 0) apply((v) => zoomAt(v, distance / gesture.current.pinch, at));
      gesture.current = { moved: DRAG_THRESHOLD + 1, pinch: distance };
      return;
    }
    gesture.current.moved += Math.abs(dx) + Math.abs(dy);
    if (gesture.current.moved > DRAG_THRESHOLD) {
      if (!event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.setPointerCapture(event.pointerId);
      apply((v) => panBy(v, dx, dy));
    }
  };
  const onPointerEnd = (event: ReactPointerEvent<HTMLDivElement>) => {
    pointers.current.delete(event.pointerId);
  };

  const seatsByKey = useMemo(() => new Map(layout.seats.map((placed) => [seatKey(placed.seat), placed])), [layout]);
  const firstFree = layout.seats.find((placed) => stateOf(placed.seat) === "free") ?? layout.seats[0];
  const activeKey = active && seatsByKey.has(active) ? active : firstFree ? seatKey(firstFree.seat) : null;

  const sectionLabel = (placed: PlacedSeat) => layout.sections[placed.section].section.label;
  const seatName = (placed: PlacedSeat) => {
    const { seat } = placed;
    const section = sectionLabel(placed);
    const base = { row: seat.row, number: formatNumber(seat.number), price: formatMoney(seat.price, currency) };
    return section ? t("guest.seatmap.seat", { ...base, section }) : t("guest.seatmap.seatNoSection", base);
  };
  const accessibleName = (placed: PlacedSeat) =>
    t("guest.seatmap.seatState", { seat: seatName(placed), state: t(`guest.seat.${stateOf(placed.seat)}`) });

  const focusSeat = (placed: PlacedSeat) => {
    const key = seatKey(placed.seat);
    setActive(key);
    setView((v) => (v ? revealSeat(v, placed, size) : v));
    viewport.current?.querySelector<HTMLButtonElement>(`[data-key="${CSS.escape(key)}"]`)?.focus({ preventScroll: true });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, placed: PlacedSeat) => {
    const direction = KEY_DIRECTIONS[event.key];
    let target: PlacedSeat | null = null;
    if (direction) target = seatInDirection(layout.seats, placed, direction);
    else if (event.key === "Home") target = rowEnd(layout.seats, placed, "start");
    else if (event.key === "End") target = rowEnd(layout.seats, placed, "end");
    else if (event.key === "+" || event.key === "=") zoomBy(ZOOM_STEP);
    else if (event.key === "-") zoomBy(1 / ZOOM_STEP);
    else return;
    event.preventDefault();
    if (target) focusSeat(target);
  };

  const toggle = (placed: PlacedSeat, fromKeyboard: boolean) => {
    if (!fromKeyboard && gesture.current.moved > DRAG_THRESHOLD) return; // the end of a drag, not a tap
    const state = stateOf(placed.seat);
    if (state === "taken") {
      setSaid(t("guest.seatmap.isTaken", { seat: seatName(placed) }));
      return;
    }
    setActive(seatKey(placed.seat));
    setSaid(t(state === "selected" ? "guest.seatmap.released" : "guest.seatmap.chosen", { seat: seatName(placed) }));
    onToggle(placed.seat);
  };

  // A seat in focus taken by someone else meanwhile: say so.
  const focused = activeKey ? seatsByKey.get(activeKey) : undefined;
  const focusedState = focused ? stateOf(focused.seat) : null;
  const focusedName = focused ? seatName(focused) : "";
  const lastFocused = useRef<{ key: string | null; state: SeatState | null }>({ key: null, state: null });
  useEffect(() => {
    const before = lastFocused.current;
    if (activeKey && before.key === activeKey && before.state === "free" && focusedState === "taken") {
      setSaid(t("guest.seatmap.isTaken", { seat: focusedName }));
    }
    lastFocused.current = { key: activeKey, state: focusedState };
  }, [activeKey, focusedState, focusedName, t]);

  const free = layout.seats.filter((placed) => stateOf(placed.seat) !== "taken").length;
  const scale = current?.scale ?? 1;
  const percent = fitted ? Math.round((scale / fitted.scale) * 100) : 100;

  return (
    <section className="seat-section seatmap" aria-labelledby="seatmap-title">
      <div className="section-head">
        <h3 id="seatmap-title">{t("guest.seatmap.title")}</h3>
        <p className="muted">{t("guest.seats.free", { free: formatNumber(free), total: formatNumber(layout.seats.length) })}</p>
      </div>
      <p className="muted small">{t("guest.seatmap.help")}</p>
      <TierLegend tiers={tiers} currency={currency} />
      <div className="seatmap-tools" role="group" aria-label={t("guest.seatmap.zoom")}>
        <button type="button" className="btn btn-ghost seatmap-zoom" onClick={() => zoomBy(1 / ZOOM_STEP)} aria-label={t("guest.seatmap.zoomOut")}>
          −
        </button>
        <output className="seatmap-scale" data-scale={scale.toFixed(3)} aria-live="off">
          {formatNumber(percent)}%
        </output>
        <button type="button" className="btn btn-ghost seatmap-zoom" onClick={() => zoomBy(ZOOM_STEP)} aria-label={t("guest.seatmap.zoomIn")}>
          +
        </button>
        <button type="button" className="btn btn-ghost seatmap-fit" onClick={() => fitted && setView(fitted)}>
          {t("guest.seatmap.fit")}
        </button>
      </div>
      <div
        className={`seatmap-viewport${scale < 0.6 ? " is-far" : ""}`}
        dir="ltr"
        ref={viewport}
        style={{ height: size.height || undefined }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
      >
        {current && (
          <div
            className="seatmap-plane"
            style={{
              width: layout.width,
              height: layout.height,
              transform: `translate(${current.x}px, ${current.y}px) scale(${current.scale})`,
            }}
          >
            <div
              className="stage"
              aria-hidden="true"
              style={{ left: layout.stage.x, top: layout.stage.y, width: layout.stage.width, height: layout.stage.height }}
            >
              {t("guest.seats.stage")}
            </div>
            {layout.sections.map((placed) => {
              const tier = tierOf(tiers, placed.section);
              return (
                <div
                  key={placed.section.name}
                  className={`seatmap-section tier-${tier?.index ?? 0}`}
                  role="group"
                  aria-label={placed.section.label || t("guest.seats.title")}
                  data-section={placed.section.name}
                  style={{ left: placed.x, top: placed.y, width: placed.width, height: placed.height }}
                >
                  <div className="seatmap-section-name" aria-hidden="true">
                    {placed.section.label}
                    {placed.section.tier && <span className="seatmap-tier"> · {placed.section.tier}</span>}
                  </div>
                  {placed.rows.map((row) => (
                    <span key={row.row} aria-hidden="true">
                      <span className="row-label" data-row={row.row} style={{ left: row.labelStart - placed.x, top: row.y - placed.y }}>
                        {row.row}
                      </span>
                      <span className="row-label" style={{ left: row.labelEnd - placed.x, top: row.y - placed.y }}>
                        {row.row}
                      </span>
                    </span>
                  ))}
                </div>
              );
            })}
            {layout.seats.map((placed) => {
              const state = stateOf(placed.seat);
              const key = seatKey(placed.seat);
              const tier = tierOf(tiers, layout.sections[placed.section].section);
              return (
                <button
                  key={key}
                  type="button"
                  className={`seat seat-${state} tier-${tier?.index ?? 0}`}
                  data-key={key}
                  data-section={placed.seat.section}
                  data-seat={placed.seat.label}
                  data-state={state}
                  aria-pressed={state === "selected"}
                  aria-disabled={state === "taken" || undefined}
                  aria-label={accessibleName(placed)}
                  tabIndex={key === activeKey ? 0 : -1}
                  style={{ left: placed.x, top: placed.y, width: SEAT, height: SEAT }}
                  onFocus={() => setActive(key)}
                  onKeyDown={(event) => onKeyDown(event, placed)}
                  onClick={(event) => toggle(placed, event.detail === 0)}
                >
                  {/* In the page's digits, as its name says it (WCAG 2.5.3). */}
                  {formatNumber(placed.seat.number)}
                </button>
              );
            })}
          </div>
        )}
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="seatmap-status">
        {said}
      </p>
      <SeatLegend />
    </section>
  );
}

function spread(points: Map<number, { x: number; y: number }>): number {
  const [a, b] = [...points.values()];
  return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
}

/** The price tiers: their colour, name, price and sections. */
function TierLegend({ tiers, currency }: { tiers: PriceTier[]; currency: string }) {
  const { t, formatMoney } = useI18n();
  if (tiers.length === 0) return null;
  return (
    <ul className="legend tier-legend" aria-label={t("guest.seatmap.tiers")}>
      {tiers.map((tier) => (
        <li key={tier.name} data-tier={tier.name}>
          <span className={`tier-swatch tier-${tier.index}`} aria-hidden="true" />
          <strong>{tier.name}</strong>
          <span>
            {tier.low === tier.high
              ? formatMoney(tier.low, currency)
              : t("guest.seatmap.priceRange", { low: formatMoney(tier.low, currency), high: formatMoney(tier.high, currency) })}
          </span>
          {tier.sections.length > 1 || tier.sections[0] !== tier.name ? (
            <span className="muted small">({tier.sections.join(t("guest.seatmap.listSeparator"))})</span>
          ) : null}
        </li>
      ))}
    </ul>
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
