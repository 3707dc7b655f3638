/**
 * An event's slots in a range, live: the REST answer gives what each slot is (room, time,
 * price), the `event:{slug}:availability` topic keeps its numbers current. Per slot the
 * numbers with the highest version win, from whichever source (src/shared/lib/availability.ts).
 * The signed-in guest's own running holds are added back (src/shared/holds/ownHolds.ts): what
 * they hold is theirs, never "taken", whatever a live frame says.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTopic } from "../../../realtime/react";
import type { Slot } from "../../../api/schema";
import { fetchAvailability } from "../api";
import { EMPTY_LIVE, mergeChanges, replaceWithSnapshot, slotsOf } from "../../../shared/lib/availability";
import type { LiveMap } from "../../../shared/lib/availability";
import { availabilityTopic } from "../../../realtime/topics";
import { useOwnUnits } from "../../../shared/holds/ownHolds";
import { availableToMe } from "../../../shared/lib/ownHolds";

export interface LiveAvailability {
  /** The range's slots (null until the first answer). */
  slots: Slot[] | null;
  slotById: ReadonlyMap<number, Slot>;
  /** Units open to this guest: what others left plus what the guest holds. */
  availableOf(slot: number): number;
  /** Units of the slot the guest holds themselves (a running hold). */
  heldByMe(slot: number): number;
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
  const own = useOwnUnits(slug);
  const availableOf = useCallback(
    (slot: number) => availableToMe(live.get(slot)?.available ?? slotById.get(slot)?.available ?? 0, own, slot),
    [live, slotById, own],
  );
  const heldByMe = useCallback((slot: number) => own.get(slot) ?? 0, [own]);

  return { slots, slotById, availableOf, heldByMe, live, error, liveError, refresh: () => load() };
}
