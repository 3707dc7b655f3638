/**
 * Keep a selection honest while availability changes live: whatever someone else just took
 * is dropped from it (or cut down), and the guest is told what, politely.
 */
import { useEffect, useReducer, useRef } from "react";
import { fitToAvailability } from "../lib/selection";
import type { Selection, Shortfall } from "../lib/selection";
import type { LiveAvailability } from "./useLiveAvailability";

export function useSelectionGuard(
  selection: Selection,
  setSelection: (selection: Selection) => void,
  availability: LiveAvailability,
  onLost: (shortfalls: Shortfall[]) => void,
  /** While a hold is being made, or the page is leaving for checkout, nothing is dropped. */
  settling = false,
) {
  const latest = useRef({ selection, setSelection, onLost });
  latest.current = { selection, setSelection, onLost };
  const { slots, availableOf } = availability;
  useEffect(() => {
    if (!slots) return; // not loaded yet: nothing is known to be gone
    if (settling) return;
    const current = latest.current;
    const { selection: fitted, shortfalls } = fitToAvailability(current.selection, availableOf);
    if (shortfalls.length === 0) return;
    current.setSelection(fitted);
    current.onLost(shortfalls);
  }, [slots, availableOf, selection, settling]);
}

/** Re-render every `ms` (to grey out slots whose time has passed). */
export function useNow(ms = 30_000): number {
  const [, tick] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    const timer = setInterval(tick, ms);
    return () => clearInterval(timer);
  }, [ms]);
  return Date.now();
}
