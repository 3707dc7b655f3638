/** The gate's live figures and last scans (the `gate:{id}` topic). */
import { useState } from "react";
import { useTopic } from "../../../realtime/react";
import { outcomeFromAnswer } from "../lib/outcome";
import type { Outcome } from "../lib/outcome";

export interface GateCounts {
  admitted: number;
  rejected: number;
}

const RECENT = 10;

function countsOf(value: unknown): GateCounts | null {
  const data = value as Partial<GateCounts> | null;
  return typeof data?.admitted === "number" && typeof data.rejected === "number"
    ? { admitted: data.admitted, rejected: data.rejected }
    : null;
}

/** `onAdmission` hears of every admission at the gate (other stations' too). */
export function useGateFeed(topic: string, onAdmission: (outcome: Outcome) => void) {
  const [counts, setCounts] = useState<GateCounts | null>(null);
  const [recent, setRecent] = useState<Outcome[]>([]);
  const [error, setError] = useState<string | null>(null);

  useTopic(topic, {
    onSnapshot: ({ snapshot }) => {
      const data = (snapshot ?? {}) as { last?: unknown[] };
      setCounts(countsOf(snapshot));
      const last = Array.isArray(data.last) ? data.last.map((answer) => outcomeFromAnswer(answer)) : [];
      last.filter((outcome) => outcome.status === "admitted").forEach(onAdmission);
      setRecent(last.slice(0, RECENT));
      setError(null);
    },
    onEvent: ({ kind, data }) => {
      if (kind === "counts") {
        const next = countsOf(data);
        if (next) setCounts(next);
      } else if (kind === "scan") {
        const outcome = outcomeFromAnswer(data);
        if (outcome.status === "admitted") onAdmission(outcome);
        setRecent((list) => [outcome, ...list].slice(0, RECENT));
      }
    },
    onError: (code) => setError(code),
  });

  return { counts, recent, error };
}
