/**
 * A camera sees the same code many times a second while it is held up: take it once, then
 * ignore it for a few seconds (a second, deliberate scan after that is a real second scan).
 */
export const REPEAT_WINDOW_MS = 3000;

export function createRepeatFilter(windowMs = REPEAT_WINDOW_MS, now: () => number = Date.now) {
  const lastSeen = new Map<string, number>();
  return {
    /** True the first time a code shows up in the window; false for its repeats. Each sighting
     * extends the window, so a code held in front of the camera never scans twice. */
    accept(code: string): boolean {
      const at = now();
      for (const [known, seenAt] of lastSeen) if (at - seenAt >= windowMs) lastSeen.delete(known);
      const fresh = !lastSeen.has(code);
      lastSeen.set(code, at);
      return fresh;
    },
    reset(): void {
      lastSeen.clear();
    },
  };
}
