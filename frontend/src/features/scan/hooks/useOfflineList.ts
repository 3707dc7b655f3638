/**
 * The gate's offline bundle: read from this device at once, brought up to date whenever the
 * network allows (on open, on reconnect, every minute, after an upload).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { loadBundle, refreshBundle } from "../lib/bundleStore";
import { indexBundle } from "../lib/offline";
import type { StoredBundle } from "../lib/offline";

const REFRESH_MS = 60_000;

export function useOfflineList(gateId: number) {
  const [stored, setStored] = useState<StoredBundle | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef<StoredBundle | null>(null);
  const running = useRef(false);

  const refresh = useCallback(async () => {
    if (running.current || !navigator.onLine) return;
    running.current = true;
    try {
      const { stored: fresh } = await refreshBundle(gateId, latest.current, AbortSignal.timeout(15_000));
      latest.current = fresh;
      setStored(fresh);
      setError(null);
    } catch (failure) {
      setError(failure);
    } finally {
      running.current = false;
    }
  }, [gateId]);

  useEffect(() => {
    let live = true;
    latest.current = null;
    setStored(null);
    setLoaded(false);
    void loadBundle(gateId).then((found) => {
      if (!live) return;
      if (found && !latest.current) {
        latest.current = found;
        setStored(found);
      }
      setLoaded(true);
      void refresh();
    });
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    const online = () => void refresh();
    window.addEventListener("online", online);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener("online", online);
    };
  }, [gateId, refresh]);

  const bundle = stored?.bundle;
  const index = useMemo(() => (bundle ? indexBundle(bundle) : null), [bundle]);
  return { index, stored, loaded, error, refresh };
}
