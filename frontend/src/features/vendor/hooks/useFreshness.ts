/**
 * Keep a page's data fresh without a topic: ask again every `intervalMs` while the tab is
 * visible, and at once when the tab or window comes back (a vendor checks the phone at the
 * gate). Two reasons at the same moment (focus and visibility) ask once.
 */
import { useEffect, useRef } from "react";

const QUIET_MS = 2000;

export function useFreshness(refresh: () => void, intervalMs: number, active = true): void {
  const latest = useRef(refresh);
  const last = useRef(0);
  useEffect(() => {
    latest.current = refresh;
  });
  useEffect(() => {
    if (!active) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    const run = () => {
      if (Date.now() - last.current < QUIET_MS) return;
      last.current = Date.now();
      latest.current();
    };
    const start = () => {
      clearInterval(timer);
      timer = setInterval(run, intervalMs);
    };
    const onVisible = () => {
      if (document.visibilityState === "visible") {
        run();
        start();
      } else clearInterval(timer);
    };
    last.current = Date.now();
    start();
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("focus", run);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("focus", run);
    };
  }, [intervalMs, active]);
}
