/**
 * The Hold button's work: sign in first if needed (the selection waits in sessionStorage and
 * comes back on return), POST /api/holds/, remember the hold and go to checkout; explain a
 * `sold_out` (which slots were short) or a hold already running for this event.
 *
 * From the moment the request leaves until the page is gone, `settling` is true: the page's
 * live guards (which drop what someone else took) wait, because the first frame saying the
 * slots are gone may be the guest's own hold, and a page on its way to checkout must not
 * rewrite its address (that undid the navigation: the guest bounced back to the grid).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { ApiError } from "../../../api/client";
import { session } from "../../../shared/auth/session";
import { forgetHold, rememberHold } from "../../../shared/holds/ownHolds";
import { createHold, releaseHold } from "../api";
import type { EventSummary, Hold } from "../../../api/schema";
import { savePending, soldOutSlots, takePending, toItems } from "../lib/selection";
import { forgetPass, readPass } from "../lib/waitingRoom";
import type { Selection, SoldOutSlot } from "../lib/selection";

export const HOLD_KEY = "gh.hold";

/** A `hold_limit` answer names the guest's running holds for the event. */
function firstHold(holds: unknown): string | null {
  return Array.isArray(holds) && holds.length ? String(holds[0]) : null;
}

export interface HoldProblem {
  soldOut?: SoldOutSlot[];
  /** The guest's hold already running for this event. */
  existingHold?: string;
  error?: unknown;
}

export function useHoldAction(
  event: EventSummary,
  onSoldOut: () => Promise<void> | void,
  /** Called with the new hold before going to checkout (the repair shop keeps its order). */
  onHeld?: (hold: Hold) => void,
) {
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [problem, setProblem] = useState<HoldProblem | null>(null);

  const signInFirst = useCallback(
    (selection: Selection) => {
      savePending(sessionStorage, event.slug, selection);
      navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`);
    },
    [event.slug, location.pathname, location.search, navigate],
  );

  const hold = useCallback(
    async (selection: Selection) => {
      if (selection.size === 0 || busy) return;
      setProblem(null);
      if (!session.user && !(await session.accessToken())) return signInFirst(selection);
      setBusy(true);
      try {
        const created = await createHold(event.slug, toItems(selection), readPass(sessionStorage, event.slug)?.token);
        // Known as the guest's own before anything else renders: never "taken" on any view.
        rememberHold(created);
        setLeaving(true);
        onHeld?.(created);
        localStorage.setItem(HOLD_KEY, JSON.stringify({ id: created.id, event: event.slug }));
        navigate(`/checkout/${created.id}`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return signInFirst(selection);
        if (error instanceof ApiError && (error.code === "queue_pass_required" || error.code === "queue_pass_invalid")) {
          // The waiting room is on (or the pass ran out): keep the selection, take a place in line.
          savePending(sessionStorage, event.slug, selection);
          forgetPass(sessionStorage, event.slug);
          setLeaving(true);
          navigate(`/events/${encodeURIComponent(event.slug)}/queue`);
          return;
        }
        if (error instanceof ApiError && error.code === "sold_out") {
          setProblem({ soldOut: soldOutSlots(error.body) });
          await onSoldOut();
        } else if (error instanceof ApiError && error.code === "hold_limit" && firstHold(error.body.holds)) {
          setProblem({ existingHold: firstHold(error.body.holds)!, error });
        } else {
          setProblem({ error });
        }
      } finally {
        setBusy(false);
      }
    },
    [busy, event.slug, navigate, onHeld, onSoldOut, signInFirst],
  );

  /** Let go of the hold already running, then hold this selection. */
  const replaceExisting = useCallback(
    async (selection: Selection) => {
      const existing = problem?.existingHold;
      if (!existing) return;
      setBusy(true);
      try {
        await releaseHold(existing);
      } catch (error) {
        // Already expired or gone: fine, try the new hold anyway.
        if (!(error instanceof ApiError) || error.status >= 500) {
          setBusy(false);
          setProblem({ error });
          return;
        }
      }
      forgetHold(existing);
      const stored = localStorage.getItem(HOLD_KEY);
      if (stored?.includes(existing)) localStorage.removeItem(HOLD_KEY);
      setBusy(false);
      await hold(selection);
    },
    [hold, problem],
  );

  return {
    hold,
    busy,
    /** A hold is being made or the page is leaving for checkout: live guards wait. */
    settling: busy || leaving,
    problem,
    clearProblem: () => setProblem(null),
    replaceExisting,
  };
}

/**
 * Once the page's slots are known: the selection saved before sign-in, if it was for this
 * event (taken out of storage so that it comes back once).
 */
export function useRestoredSelection(slug: string, ready: boolean, restore: (selection: Selection) => void) {
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    const pending = takePending(sessionStorage, slug);
    if (pending) restore(pending);
  }, [ready, slug, restore]);
}
