/**
 * What a station keeps across reloads while it scans offline: the queue of admissions to
 * upload (POST /api/scan/sync/) and the ledger of admissions it knows of, so that one ticket
 * goes in once even when the bundle is older than the last scans.
 *
 * Both live in localStorage (small, and written synchronously: a scan is on disk before its
 * result shows). Framework-free; the storage is injected for tests.
 */
import type { SyncAnswer, SyncRequest } from "../../../api/schema";
import type { SeenAdmission } from "./offline";

export type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export interface QueuedScan {
  /** Sent as the scan's request_id: a retried upload answers as the first one did. */
  requestId: string;
  gate: number;
  qr: string;
  scannedAt: string;
  ticketId: number | null;
}

type Listener = () => void;

function readJson<T>(storage: StorageLike, key: string, fallback: T): T {
  try {
    const text = storage.getItem(key);
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

/** The scans waiting for the network, oldest first. */
export class ScanQueue {
  private items: QueuedScan[];
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly storage: StorageLike,
    private readonly key = "gh.scan.queue",
  ) {
    const stored = readJson<unknown>(storage, key, []);
    this.items = Array.isArray(stored) ? stored.filter(isQueuedScan) : [];
  }

  /** The same array until something changes (for useSyncExternalStore). */
  list(): readonly QueuedScan[] {
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }

  forGate(gate: number): QueuedScan[] {
    return this.items.filter((item) => item.gate === gate);
  }

  add(item: QueuedScan): void {
    if (this.items.some((queued) => queued.requestId === item.requestId)) return;
    this.write([...this.items, item]);
  }

  /** Drop the scans the server has answered. */
  remove(requestIds: Iterable<string>): void {
    const done = new Set(requestIds);
    if (done.size === 0) return;
    this.write(this.items.filter((item) => !done.has(item.requestId)));
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(items: QueuedScan[]): void {
    this.items = items;
    this.storage.setItem(this.key, JSON.stringify(items));
    for (const listener of this.listeners) listener();
  }
}

function isQueuedScan(value: unknown): value is QueuedScan {
  if (typeof value !== "object" || value === null) return false;
  const item = value as Partial<QueuedScan>;
  return (
    typeof item.requestId === "string" &&
    typeof item.gate === "number" &&
    typeof item.qr === "string" &&
    typeof item.scannedAt === "string"
  );
}

/** Admissions this station knows of at one gate (its own, and its gate's live feed). */
export class AdmissionLedger {
  private entries: Record<string, SeenAdmission>;

  constructor(
    private readonly storage: StorageLike,
    private readonly key: string,
  ) {
    this.entries = readJson<Record<string, SeenAdmission>>(storage, key, {});
  }

  get(ticketId: number): SeenAdmission | undefined {
    return this.entries[String(ticketId)];
  }

  /** Keep the earliest admission of a ticket. */
  record(ticketId: number, admission: SeenAdmission): void {
    const known = this.entries[String(ticketId)];
    if (known && Date.parse(known.at) <= Date.parse(admission.at)) return;
    this.entries = { ...this.entries, [String(ticketId)]: admission };
    this.storage.setItem(this.key, JSON.stringify(this.entries));
  }

  get size(): number {
    return Object.keys(this.entries).length;
  }

  clear(): void {
    this.entries = {};
    this.storage.removeItem(this.key);
  }
}

export interface SyncResult {
  requestId: string;
  answer: Record<string, unknown>;
}

export interface SyncReport {
  /** Scans the server answered (and that left the queue). */
  synced: SyncResult[];
  /** The answers that were not a clean admission: someone else went in first, or the ticket
   * changed (refunded, voided) since the bundle was fetched. */
  problems: SyncResult[];
}

/** The server's limit per upload. */
export const SYNC_BATCH = 1000;

export type SyncPost = (body: SyncRequest) => Promise<Pick<SyncAnswer, "results">>;

/**
 * Upload one gate's queue in batches, oldest first; each answered batch leaves the queue at
 * once, so a failure part-way loses nothing and repeats nothing (request ids are idempotent).
 * Rejects with the post's error after removing the batches already answered.
 */
export async function syncQueue(queue: ScanQueue, gate: number, post: SyncPost): Promise<SyncReport> {
  const report: SyncReport = { synced: [], problems: [] };
  let pending = queue.forGate(gate);
  while (pending.length > 0) {
    const batch = pending.slice(0, SYNC_BATCH);
    const { results } = await post({
      gate,
      scans: batch.map((item) => ({
        qr: item.qr,
        scanned_at: item.scannedAt,
        request_id: item.requestId,
      })),
    });
    batch.forEach((item, position) => {
      const answer = results[position] ?? {};
      const result = { requestId: item.requestId, answer };
      report.synced.push(result);
      if (answer.status !== "admitted" || answer.conflict === true) report.problems.push(result);
    });
    queue.remove(batch.map((item) => item.requestId));
    pending = queue.forGate(gate);
  }
  return report;
}
