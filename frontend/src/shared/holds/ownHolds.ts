/**
 * The tab's record of the signed-in guest's own running holds: remembered the moment the hold
 * API answers a new hold (before any live frame can say its slots are gone), loaded from
 * `GET /api/holds/?event=` when an availability page opens (a hold made in another tab or
 * before a reload), forgotten when the hold ends or the guest signs out. Availability views
 * read it through `useOwnUnits` and add these units back (src/shared/lib/ownHolds.ts).
 */
import { useEffect, useMemo, useReducer, useSyncExternalStore } from "react";
import { api } from "../../api/client";
import type { Hold, MyHolds } from "../../api/schema";
import { session } from "../auth/session";
import { NO_UNITS, nextExpiry, ownHoldOf, ownUnits } from "../lib/ownHolds";
import type { OwnHold } from "../lib/ownHolds";

type Listener = () => void;

const holds = new Map<string, OwnHold>();
/** When the tab learnt of each hold: a list asked for before then cannot know it. */
const learnt = new Map<string, number>();
const listeners = new Set<Listener>();
let version = 0;

function changed(): void {
  version += 1;
  for (const listener of listeners) listener();
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A hold the API just answered (created, read or extended): the guest's own. */
export function rememberHold(hold: Hold, receivedAt: number = Date.now()): void {
  const own = ownHoldOf(hold, receivedAt);
  if (!own) return forgetHold(hold.id);
  holds.set(own.id, own);
  learnt.set(own.id, receivedAt);
  changed();
}

/** A hold that ended (released, expired, converted into a booking). */
export function forgetHold(id: string): void {
  learnt.delete(id);
  if (holds.delete(id)) changed();
}

/**
 * The server's word on the guest's running holds for one event, asked for at `askedAt`,
 * replaces the tab's (but not a hold the tab learnt of after asking).
 */
export function replaceEventHolds(
  event: string,
  answers: readonly Hold[],
  askedAt: number,
  receivedAt: number = Date.now(),
): void {
  for (const [id, hold] of holds) {
    if (hold.event === event && (learnt.get(id) ?? 0) < askedAt) {
      holds.delete(id);
      learnt.delete(id);
    }
  }
  for (const answer of answers) {
    const own = ownHoldOf(answer, receivedAt);
    if (own && own.event === event && !holds.has(own.id)) {
      holds.set(own.id, own);
      learnt.set(own.id, receivedAt);
    }
  }
  changed();
}

/** Every hold the tab knows (tests and the sign-out). */
export function knownHolds(): OwnHold[] {
  return [...holds.values()];
}

function forgetAll(): void {
  if (holds.size === 0) return;
  holds.clear();
  learnt.clear();
  changed();
}

session.subscribe(() => {
  if (!session.user) forgetAll();
});

/** The signed-in guest's running holds for `event`, from the hold API. */
export async function loadOwnHolds(event: string, signal?: AbortSignal): Promise<void> {
  const askedAt = Date.now();
  const answer = await api<MyHolds>(`/api/holds/?event=${encodeURIComponent(event)}`, { signal });
  if (!signal?.aborted) replaceEventHolds(event, answer.holds, askedAt);
}

/**
 * Units per slot of `event` the signed-in guest holds right now: loaded when the page opens
 * (and on sign-in), updated at once when a hold is made or ends, and re-read the moment one
 * of them expires.
 */
export function useOwnUnits(event: string): ReadonlyMap<number, number> {
  const seen = useSyncExternalStore(subscribe, () => version);
  const user = useSyncExternalStore(
    (notify) => session.subscribe(notify),
    () => session.user,
  );
  const [ticks, tick] = useReducer((count: number) => count + 1, 0);
  const signedIn = Boolean(user);

  useEffect(() => {
    if (!signedIn || !event) return;
    const controller = new AbortController();
    loadOwnHolds(event, controller.signal).catch(() => {
      // Offline or refused: the holds this tab made itself still count.
    });
    return () => controller.abort();
  }, [event, signedIn]);

  // One map per change of the holds (or an expiry), so that views depending on it stay put.
  const { units, next } = useMemo(() => {
    void ticks;
    void seen;
    const now = Date.now();
    return {
      units: signedIn ? ownUnits(holds.values(), event, now) : NO_UNITS,
      next: signedIn ? nextExpiry(holds.values(), event, now) : null,
    };
  }, [event, signedIn, seen, ticks]);
  useEffect(() => {
    if (next === null) return;
    const timer = setTimeout(tick, Math.min(2 ** 31 - 1, Math.max(0, next - Date.now()) + 50));
    return () => clearTimeout(timer);
  }, [next]);

  return units;
}
