/** Scanning stations for the devices page: which to show for an event, in what order, how fresh. */
import type { Device } from "./types";

/** An event's stations, plus those that serve every event; active ones first, newest first. */
export function devicesFor(devices: readonly Device[], event: string): Device[] {
  return devices
    .filter((device) => device.event === event || device.event === null)
    .sort((a, b) => {
      if (!a.revoked_at !== !b.revoked_at) return a.revoked_at ? 1 : -1;
      return Date.parse(b.created_at) - Date.parse(a.created_at);
    });
}

export interface Ago {
  value: number;
  unit: Intl.RelativeTimeFormatUnit;
}

/** How long ago, in the largest unit that fits (for Intl.RelativeTimeFormat); null for never. */
export function ago(iso: string | null, now: number): Ago | null {
  if (!iso) return null;
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(seconds)) return null;
  if (seconds < 60) return { value: 0, unit: "minute" };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { value: -minutes, unit: "minute" };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { value: -hours, unit: "hour" };
  return { value: -Math.floor(hours / 24), unit: "day" };
}

/** A token with its middle hidden, for showing which one a station has. */
export function tokenPreview(hint: string): string {
  return `ghd_${hint}…`;
}
