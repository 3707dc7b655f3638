/**
 * The festival's schedule, live: the REST answer first, then the `event:{slug}:schedule`
 * topic (its snapshot replaces everything, each `schedule` frame changes some sets and
 * removes others). Once the topic has spoken, a late REST answer is ignored: the topic is
 * newer.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useTopic } from "../../../realtime/react";
import { scheduleTopic } from "../../../realtime/topics";
import { fetchSchedule } from "../api";
import type { Performance } from "../api";
import { applyScheduleChange, scheduleChangeOf, scheduleSnapshotOf, sortProgramme } from "../lib/programme";

export interface LiveSchedule {
  items: Performance[] | null;
  error: unknown;
  /** The live topic refused or failed (the page still shows the REST answer). */
  liveError: string | null;
  /** Ids of sets changed by the last frame (to flag them briefly). */
  changed: ReadonlySet<number>;
  reload(): void;
}

export function useLiveSchedule(slug: string): LiveSchedule {
  const [items, setItems] = useState<Performance[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [liveError, setLiveError] = useState<string | null>(null);
  const [changed, setChanged] = useState<ReadonlySet<number>>(new Set());
  const [attempt, setAttempt] = useState(0);
  const live = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchSchedule(slug, controller.signal).then(
      (answer) => {
        if (controller.signal.aborted || live.current) return;
        setItems(sortProgramme(answer));
        setError(null);
      },
      (caught: unknown) => !controller.signal.aborted && setError(caught),
    );
    return () => controller.abort();
  }, [slug, attempt]);

  useTopic(scheduleTopic(slug), {
    onSnapshot: (snapshot) => {
      const list = scheduleSnapshotOf<Performance>(snapshot.snapshot);
      if (!list) return;
      live.current = true;
      setLiveError(null);
      setError(null);
      setItems(list);
    },
    onEvent: (event) => {
      if (event.kind !== "schedule") return;
      const change = scheduleChangeOf<Performance>(event.data);
      if (!change) return;
      setItems((current) => applyScheduleChange(current ?? [], change));
      setChanged(new Set(change.items.map((item) => item.id)));
    },
    onError: (code) => setLiveError(code),
  });

  const reload = useCallback(() => setAttempt((value) => value + 1), []);
  return { items, error, liveError, changed, reload };
}
