/** The staff stations API: list, create, bind to gates, revoke; and the event's gates. */
import { api } from "../../../api/client";
import type {
  CreatedDevice,
  Device,
  DeviceGate,
  DeviceGates,
  DeviceGatesRequest,
  DeviceList,
  DeviceRequest,
  GateList,
} from "../../../api/schema";

export function listDevices(): Promise<Device[]> {
  return api<DeviceList>("/api/staff/devices/").then((body) => body.devices);
}

/** The event's gates (staff see them all; a station only those it is bound to). */
export function listEventGates(event: string, signal?: AbortSignal): Promise<DeviceGate[]> {
  return api<GateList>(`/api/events/${encodeURIComponent(event)}/gates/`, { signal }).then((body) =>
    body.gates.map(({ id, name }) => ({ id, name })),
  );
}

export async function createDevice(label: string, event: string): Promise<Omit<CreatedDevice, "ok">> {
  const body: DeviceRequest = { label, event };
  // The answer also carries `ok`; keep the device's own fields only.
  const { ok: _ok, ...device } = await api<CreatedDevice>("/api/staff/devices/", { body });
  return device;
}

/** Replace the station's gates (an empty list unbinds it); answers with the gates it now has. */
export function bindGates(device: number, gates: readonly number[]): Promise<DeviceGate[]> {
  const body: DeviceGatesRequest = { gates: [...gates] };
  return api<DeviceGates>(`/api/staff/devices/${device}/gates/`, { method: "PUT", body }).then(
    (answer) => answer.gates,
  );
}

export function revokeDevice(device: number): Promise<Device> {
  return api<Device>(`/api/staff/devices/${device}/revoke/`, { method: "POST", body: {} });
}
