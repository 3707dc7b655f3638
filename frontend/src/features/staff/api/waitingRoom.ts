/** GET/PATCH /api/staff/events/{slug}/waiting-room/ (docs/waiting-room.md): every change is audited. */
import { api } from "../../../api/client";
import type { WaitingRoomSettings } from "../lib/waitingRoom";

const path = (slug: string) => `/api/staff/events/${encodeURIComponent(slug)}/waiting-room/`;

export function fetchWaitingRoom(slug: string, signal?: AbortSignal): Promise<WaitingRoomSettings> {
  return api<WaitingRoomSettings>(path(slug), { signal });
}

export function updateWaitingRoom(slug: string, patch: Record<string, unknown>): Promise<WaitingRoomSettings> {
  return api<WaitingRoomSettings>(path(slug), { method: "PATCH", body: patch });
}
