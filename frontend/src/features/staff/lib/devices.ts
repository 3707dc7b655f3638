/**
 * Scanning stations for the devices page: which to show for an event, in what order, how
 * fresh, and which gates each one scans at.
 */
import type { Device, DeviceGate } from "../../../api/schema";

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

/** The gates ticked when the create form opens: the only gate if there is one, else none. */
export function initialGateChoice(eventGates: readonly DeviceGate[]): number[] {
  return eventGates.length === 1 ? [eventGates[0].id] : [];
}

/** Tick or untick one gate; the result is sorted and without repeats. */
export function toggleGate(chosen: readonly number[], gate: number, on: boolean): number[] {
  const next = new Set(chosen);
  if (on) next.add(gate);
  else next.delete(gate);
  return [...next].sort((a, b) => a - b);
}

/**
 * A station's gates split into this event's (in the event's order) and those elsewhere (a
 * station for every event may also serve other events' gates).
 */
export function splitGates(
  device: Pick<Device, "gates">,
  eventGates: readonly DeviceGate[] | null,
): { here: DeviceGate[]; elsewhere: DeviceGate[] } {
  if (!eventGates) return { here: [...device.gates], elsewhere: [] };
  const bound = new Set(device.gates.map((gate) => gate.id));
  const ofEvent = new Set(eventGates.map((gate) => gate.id));
  return {
    here: eventGates.filter((gate) => bound.has(gate.id)),
    elsewhere: device.gates.filter((gate) => !ofEvent.has(gate.id)),
  };
}

/**
 * What to PUT as the station's gates after ticking `chosen` among this event's gates: the
 * ticked ones plus any it serves at other events (the PUT replaces the whole list, and this
 * page only shows one event's gates).
 */
export function gatesToSend(
  device: Pick<Device, "gates">,
  eventGates: readonly DeviceGate[],
  chosen: readonly number[],
): number[] {
  const ofEvent = new Set(eventGates.map((gate) => gate.id));
  const kept = device.gates.filter((gate) => !ofEvent.has(gate.id)).map((gate) => gate.id);
  const ticked = chosen.filter((id) => ofEvent.has(id));
  return [...new Set([...kept, ...ticked])].sort((a, b) => a - b);
}

/** Whether two lists of gate ids name the same gates. */
export function sameGates(a: readonly number[], b: readonly number[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((id) => right.has(id));
}

/** Whether staff may change a station's gates (a revoked one cannot scan anywhere). */
export function canEditGates(device: Pick<Device, "revoked_at">): boolean {
  return !device.revoked_at;
}
