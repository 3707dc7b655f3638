/** The waiting room's and the waitlists' REST calls (docs/waiting-room.md). */
import { api } from "../../../api/client";
import { readQueue, readWaitlistEntry } from "../lib/waitingRoom";
import type { QueueState, WaitlistEntry } from "../lib/waitingRoom";
import type { QueueAnswer, WaitlistAnswer, WaitlistPage } from "../../../api/schema";

const eventPath = (slug: string) => `/api/events/${encodeURIComponent(slug)}`;

/** POST /api/events/{slug}/queue/: join (or find again) the guest's place. */
export async function joinQueue(slug: string): Promise<QueueState> {
  const body = await api<QueueAnswer>(`${eventPath(slug)}/queue/`, { method: "POST", body: { device: "web" } });
  const state = readQueue(body);
  if (!state) throw new Error("queue answer without a token");
  return state;
}

export async function fetchQueue(slug: string, token: string, previous: QueueState | null): Promise<QueueState> {
  const body = await api<QueueAnswer>(`${eventPath(slug)}/queue/${encodeURIComponent(token)}/`);
  return readQueue(body, previous) ?? previous!;
}

export async function leaveQueue(slug: string, token: string): Promise<void> {
  await api(`${eventPath(slug)}/queue/${encodeURIComponent(token)}/`, { method: "DELETE" });
}

/** POST /api/events/{slug}/waitlist/ {slot, quantity}: 201 new, 200 the entry already there. */
export async function joinWaitlist(slug: string, slot: number, quantity: number): Promise<WaitlistEntry> {
  const body = await api<WaitlistAnswer>(`${eventPath(slug)}/waitlist/`, { method: "POST", body: { slot, quantity } });
  return readWaitlistEntry(body)!;
}

function entriesOf(body: unknown): WaitlistEntry[] {
  const data = body as Record<string, unknown>;
  const list = Array.isArray(body) ? body : Array.isArray(data?.results) ? data.results : Array.isArray(data?.entries) ? data.entries : [];
  return (list as unknown[]).map(readWaitlistEntry).filter((entry): entry is WaitlistEntry => entry !== null);
}

/** GET /api/waitlist/: the caller's entries. */
export async function fetchWaitlists(signal?: AbortSignal): Promise<WaitlistEntry[]> {
  return entriesOf(await api<WaitlistPage>("/api/waitlist/", { signal }));
}

export async function fetchWaitlist(id: string, signal?: AbortSignal): Promise<WaitlistEntry> {
  const entry = readWaitlistEntry(await api<WaitlistAnswer>(`/api/waitlist/${encodeURIComponent(id)}/`, { signal }));
  if (!entry) throw new Error("waitlist answer without an id");
  return entry;
}

export async function leaveWaitlist(id: string): Promise<void> {
  await api(`/api/waitlist/${encodeURIComponent(id)}/`, { method: "DELETE" });
}
