/**
 * Who this scanning station is and where it stands, remembered on the device so that it can
 * start again with no network: the device (GET /api/devices/me/) and the chosen gate.
 */
import type { Device as DeviceAnswer, Gate as GateAnswer } from "../../../api/schema";

/** The station as GET /api/devices/me/ names it; `event` is null for a station of every event. */
export type Device = Pick<DeviceAnswer, "id" | "label" | "event">;

/** The chosen gate as GET /api/events/{slug}/gates/ listed it (`mode`: "single" or "reentry"), and: */
export type Gate = Pick<GateAnswer, "id" | "name" | "mode" | "topic"> & {
  /** A load-in gate: vendors' crews with their setup codes (absent in a gate stored before). */
  load_in?: boolean;
  /** The event's slug (for the gate list). */
  event: string;
  /** How many gates this station could choose from (offer "change gate" when > 1). */
  choices: number;
};

const DEVICE_KEY = "gh.scan.device";
const GATE_KEY = "gh.scan.gate";

function read<T>(key: string, valid: (value: unknown) => value is T): T | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? "null");
    return valid(value) ? value : null;
  } catch {
    return null;
  }
}

export function isDevice(value: unknown): value is Device {
  const device = value as Partial<Device> | null;
  return (
    typeof device?.id === "number" &&
    typeof device.label === "string" &&
    (device.event === null || typeof device.event === "string")
  );
}

function isGate(value: unknown): value is Gate {
  const gate = value as Partial<Gate> | null;
  return typeof gate?.id === "number" && typeof gate.name === "string" && typeof gate.event === "string";
}

export const storedStation = {
  device: () => read(DEVICE_KEY, isDevice),
  gate: () => read(GATE_KEY, isGate),
  setDevice(device: Device | null) {
    if (device) localStorage.setItem(DEVICE_KEY, JSON.stringify(device));
    else localStorage.removeItem(DEVICE_KEY);
  },
  setGate(gate: Gate | null) {
    if (gate) localStorage.setItem(GATE_KEY, JSON.stringify(gate));
    else localStorage.removeItem(GATE_KEY);
  },
};

/** The device part of GET /api/devices/me/. */
export function deviceFrom(body: DeviceAnswer): Device {
  return {
    id: Number(body.id),
    label: String(body.label ?? ""),
    event: typeof body.event === "string" ? body.event : null,
  };
}
