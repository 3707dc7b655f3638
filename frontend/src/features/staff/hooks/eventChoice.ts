/** The event a staff member is looking at, remembered in this browser. */
import { useSyncExternalStore } from "react";

const KEY = "gh.staff.event";
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export const eventChoice = {
  get: read,
  set(slug: string | null): void {
    try {
      if (slug) localStorage.setItem(KEY, slug);
      else localStorage.removeItem(KEY);
    } catch {
      /* private mode: remembered for this page only */
    }
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useEventChoice(): string | null {
  return useSyncExternalStore(eventChoice.subscribe, eventChoice.get);
}
