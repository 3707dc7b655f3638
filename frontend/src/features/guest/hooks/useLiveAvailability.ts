/**
 * An event's slots in a range, live: the REST answer gives what each slot is (room, time,
 * price), the `event:{slug}:availability` topic keeps its numbers current. Per slot the
 * numbers with the highest version win, from whichever source (src/shared/lib/availability.ts).
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTopic } from "../../../realtime/react";
import type { Slot } from "../../../api/schema";
import { fetchAvailability } from "../api";
import { EMPTY_LIVE, mergeChanges, replaceWithSnapshot, slotsOf } from "../../../shared/lib/availability";
import type { LiveMap } from "../../../shared/lib/availability";
import { availabilityTopic } from "../../../realtime/topics";

export interface LiveAvailability {
  /** The range's slots (null until the first answer). */
  slots: Slot[] | null;
  slotById: ReadonlyMap<number, Slot>;
  availableOf(slot: number): number;
  live: LiveMap;
  error: unknown;
  /** The live topic failed (the page still works from the REST answer). */
  liveError: string | null;
  refresh(): Promise<void>;
}

export function useLiveAvailability(
  slug: string,
  range: { from: string; to: string } | null,
): LiveAvailability {
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [live, setLive] = useState<LiveMap>(EMPTY_LIVE);
  const [error, setError] = useState<unknown>(null);
  const [liveError, setLiveError] = useState<string | null>(null);
  const from = range?.from;
  const to = range?.to;

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const answer = await fetchAvailability(slug, { from, to }, signal);
        if (signal?.aborted) return;
        setSlots(answer.slots);
        setLive((current) => mergeChanges(current, answer.slots));
        setError(null);
      } catch (caught) {
        if (!signal?.aborted) setError(caught);
      }
    },
    [slug, from, to],
  );

  useEffect(() => {
    const controller = new AbortController();
    setSlots(null);
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const filter = useMemo(() => (from && to ? { from, to } : undefined), [from, to]);
  useTopic(
    availabilityTopic(slug),
    {
      onSnapshot: (snapshot) => {
        setLiveError(null);
        setLive((current) => replaceWithSnapshot(current, slotsOf(snapshot.snapshot)));
      },
      onEvent: (event) => {
        if (event.kind === "availability") setLive((current) => mergeChanges(current, slotsOf(event.data)));
      },
      onError: (code) => setLiveError(code),
    },
    filter,
  );

  const slotById = useMemo(() => new Map((slots ?? []).map((slot) => [slot.id, slot])), [slots]);
  const availableOf = useCallback(
    (slot: number) => live.get(slot)?.available ?? slotById.get(slot)?.available ?? 0,
    [live, slotById],
  );

  return { slots, slotById, availableOf, live, error, liveError, refresh: () => load() };
}
