/**
 * The waiting room and waitlist figures of `event:{slug}:dashboard`'s `stats`
 * (docs/waiting-room.md, "Staff dashboard"), and the staff controls' form
 * (GET/PATCH /api/staff/events/{slug}/waiting-room/). Pure: no React, no fetch.
 */
import type { WaitingRoomMode, WaitingRoomSettings } from "../../../api/schema";

export interface QueueFigures {
  active: boolean;
  length: number;
  admitted_per_minute: number;
  estimated_wait_seconds: number;
}

export interface WaitlistFigures {
  waiting: number;
  offered: number;
  taken: number;
  lapsed: number;
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? Math.max(0, value) : 0;
}

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The `queue` part of a dashboard frame (null when the server sends none). */
export function queueFigures(stats: unknown): QueueFigures | null {
  const queue = record(record(stats)?.queue);
  if (!queue) return null;
  return {
    active: queue.active === true,
    length: count(queue.length),
    admitted_per_minute: count(queue.admitted_per_minute),
    estimated_wait_seconds: count(queue.estimated_wait_seconds),
  };
}

/** The `waitlist` part of a dashboard frame (null when the server sends none). */
export function waitlistFigures(stats: unknown): WaitlistFigures | null {
  const waitlist = record(record(stats)?.waitlist);
  if (!waitlist) return null;
  return {
    waiting: count(waitlist.waiting),
    offered: count(waitlist.offered),
    taken: count(waitlist.taken),
    lapsed: count(waitlist.lapsed),
  };
}

export type { WaitingRoomMode, WaitingRoomSettings };

/** The form's fields as typed (strings), `opens_at` as a datetime-local value in the browser's zone. */
export interface WaitingRoomForm {
  mode: WaitingRoomMode;
  opens_at: string;
  admission_per_minute: string;
  pass_minutes: string;
  arrival_threshold: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An ISO instant as an `<input type="datetime-local">` value (local time, to the minute). */
export function toLocalInput(iso: string | null): string {
  const at = iso ? new Date(iso) : null;
  if (!at || Number.isNaN(at.getTime())) return "";
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

export function formOf(settings: WaitingRoomSettings): WaitingRoomForm {
  return {
    mode: settings.mode,
    opens_at: toLocalInput(settings.opens_at),
    admission_per_minute: String(settings.admission_per_minute),
    pass_minutes: String(settings.pass_minutes),
    arrival_threshold: String(settings.arrival_threshold),
  };
}

/** Only what changed, as the PATCH sends it (numbers as numbers, an emptied time as null). */
export function changesOf(before: WaitingRoomForm, after: WaitingRoomForm): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (after.mode !== before.mode) patch.mode = after.mode;
  if (after.opens_at !== before.opens_at) {
    const at = after.opens_at ? new Date(after.opens_at) : null;
    patch.opens_at = at && !Number.isNaN(at.getTime()) ? at.toISOString() : null;
  }
  for (const name of ["admission_per_minute", "pass_minutes", "arrival_threshold"] as const) {
    if (after[name] !== before[name]) patch[name] = Number(after[name]);
  }
  return patch;
}
