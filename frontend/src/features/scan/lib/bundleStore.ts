/**
 * The gate's offline bundle on this device: kept in IndexedDB (it lists every ticket of the
 * gate, too big for localStorage at a large event) with its ETag, and fetched again with
 * If-None-Match (304: unchanged, nothing downloaded).
 */
import { ApiError, deviceToken } from "../../../api/client";
import { isOfflineBundle } from "./offline";
import type { StoredBundle } from "./offline";

const DB_NAME = "gatehouse-scan";
const STORE = "bundles";

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === "undefined") return reject(new Error("no IndexedDB"));
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  action: (store: IDBObjectStore) => IDBRequest,
): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result as T);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

/** Memory copy for browsers that refuse IndexedDB (some private modes): lasts the tab. */
const memory = new Map<number, StoredBundle>();

export async function loadBundle(gateId: number): Promise<StoredBundle | null> {
  try {
    const stored = await withStore<unknown>("readonly", (store) => store.get(gateId));
    if (stored && typeof stored === "object" && isOfflineBundle((stored as StoredBundle).bundle))
      return stored as StoredBundle;
  } catch {
    /* fall back to memory */
  }
  return memory.get(gateId) ?? null;
}

async function saveBundle(gateId: number, stored: StoredBundle): Promise<void> {
  memory.set(gateId, stored);
  try {
    await withStore("readwrite", (store) => store.put(stored, gateId));
  } catch {
    /* the memory copy serves this tab */
  }
}

export async function forgetBundles(): Promise<void> {
  memory.clear();
  try {
    await withStore("readwrite", (store) => store.clear());
  } catch {
    /* nothing kept */
  }
}

/**
 * Bring the stored bundle up to date: the new one, or the stored one when the server says
 * 304. Throws ApiError for a refusal and TypeError when the network is down.
 */
export async function refreshBundle(
  gateId: number,
  stored: StoredBundle | null,
  signal?: AbortSignal,
): Promise<{ stored: StoredBundle; changed: boolean }> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const token = deviceToken.get();
  if (token) headers.Authorization = `Device ${token}`;
  if (stored?.etag) headers["If-None-Match"] = stored.etag;
  // no-store: the HTTP cache must not answer for us; a 304 then reaches this code as 304.
  const response = await fetch(`/api/scan/gates/${gateId}/offline-bundle/`, {
    headers,
    cache: "no-store",
    credentials: "same-origin",
    signal,
  });
  const now = new Date().toISOString();
  if (response.status === 304 && stored) {
    const fresh = { ...stored, fetchedAt: now };
    await saveBundle(gateId, fresh);
    return { stored: fresh, changed: false };
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code: string; message: string } } | null)?.error;
    throw new ApiError(response.status, error ?? { code: "server_error", message: response.statusText });
  }
  if (!isOfflineBundle(body)) throw new ApiError(500, { code: "server_error", message: "Bad bundle" });
  const { gate, public_keys, tickets, revoked } = body;
  const fresh: StoredBundle = {
    etag: response.headers.get("ETag") ?? "",
    fetchedAt: now,
    bundle: { gate, public_keys, tickets, revoked },
  };
  await saveBundle(gateId, fresh);
  return { stored: fresh, changed: true };
}
