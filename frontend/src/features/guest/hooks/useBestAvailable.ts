/**
 * "Best available": sign in first if needed (then come back to the event), ask the server
 * to hold the best N seats together, remember the hold and go to checkout like the Hold
 * button; explain when no such block is free or a hold is already running for the event.
 */
import { useCallback, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { ApiError } from "../../../api/client";
import { session } from "../../../shared/auth/session";
import { rememberHold } from "../../../shared/holds/ownHolds";
import { holdBestAvailable } from "../api";
import { HOLD_KEY } from "./useHoldAction";

export type BestProblem = { kind: "none"; count: number } | { kind: "existing"; hold: string | null } | { kind: "error"; error: unknown };

export function useBestAvailable(slug: string, onSoldOut: () => Promise<void> | void) {
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<BestProblem | null>(null);

  const find = useCallback(
    async (quantity: number, section?: string) => {
      if (busy) return;
      setProblem(null);
      const signIn = () => navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`);
      if (!session.user && !(await session.accessToken())) return signIn();
      setBusy(true);
      try {
        const hold = await holdBestAvailable(slug, quantity, section);
        // The guest's own from the first frame: never "taken" on the map behind checkout.
        rememberHold(hold);
        localStorage.setItem(HOLD_KEY, JSON.stringify({ id: hold.id, event: slug }));
        navigate(`/checkout/${hold.id}`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return signIn();
        if (error instanceof ApiError && error.code === "sold_out") {
          setProblem({ kind: "none", count: quantity });
          await onSoldOut();
        } else if (error instanceof ApiError && error.code === "hold_limit" && Array.isArray(error.body.holds)) {
          setProblem({ kind: "existing", hold: error.body.holds.length ? String(error.body.holds[0]) : null });
        } else {
          setProblem({ kind: "error", error });
        }
      } finally {
        setBusy(false);
      }
    },
    [busy, location.pathname, location.search, navigate, onSoldOut, slug],
  );

  return { find, busy, problem };
}
