/** Upload the gate's offline scans whenever the network is back (and retry while some wait). */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { api } from "../../../api/client";
import type { SyncAnswer } from "../../../api/schema";
import { useConnectionState } from "../../../realtime/react";
import { syncQueue } from "../lib/queue";
import type { SyncReport } from "../lib/queue";
import { scanQueue } from "../lib/stores";

const RETRY_MS = 15_000;

export function useQueuedScans(gateId: number) {
  const all = useSyncExternalStore(
    (notify) => scanQueue.subscribe(notify),
    () => scanQueue.list(),
  );
  return useMemo(() => all.filter((item) => item.gate === gateId), [all, gateId]);
}

export function useQueueSync(gateId: number, afterSync: () => void) {
  const queued = useQueuedScans(gateId);
  const connection = useConnectionState();
  const [syncing, setSyncing] = useState(false);
  const [report, setReport] = useState<SyncReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const running = useRef(false);
  const after = useRef(afterSync);
  after.current = afterSync;

  const sync = useCallback(async () => {
    if (running.current || !navigator.onLine || scanQueue.forGate(gateId).length === 0) return;
    running.current = true;
    setSyncing(true);
    try {
      const result = await syncQueue(scanQueue, gateId, (body) =>
        api<SyncAnswer>("/api/scan/sync/", { auth: "device", body }),
      );
      setReport(result);
      setError(null);
      after.current();
    } catch (failure) {
      setError(failure);
    } finally {
      running.current = false;
      setSyncing(false);
    }
  }, [gateId]);

  const waiting = queued.length > 0;
  useEffect(() => {
    if (!waiting || connection === "offline") return;
    void sync();
    const timer = setInterval(() => void sync(), RETRY_MS);
    return () => clearInterval(timer);
  }, [waiting, connection, sync]);

  useEffect(() => {
    const online = () => void sync();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [sync]);

  return { queued, syncing, report, error, sync, dismissReport: () => setReport(null) };
}
