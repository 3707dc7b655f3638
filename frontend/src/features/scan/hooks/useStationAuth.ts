/**
 * The station's identity: its device token (stored by api/client's deviceToken), the device
 * it names, and the chosen gate. Starts from what the device remembers so that a station
 * can reopen with no network, and checks the token again when it can.
 */
import { useCallback, useEffect, useState } from "react";
import { ApiError, api, deviceToken } from "../../../api/client";
import type { Device as DeviceAnswer } from "../../../api/schema";
import { deviceTokens, useRealtime } from "../../../realtime/react";
import { forgetBundles } from "../lib/bundleStore";
import { deviceFrom, storedStation } from "../lib/station";
import type { Device, Gate } from "../lib/station";

export type AuthState =
  | { status: "checking" }
  | { status: "signedOut"; revoked: boolean }
  | { status: "unreachable" }
  | { status: "signedIn"; device: Device };

function initialState(): AuthState {
  if (!deviceToken.get()) return { status: "signedOut", revoked: false };
  const device = storedStation.device();
  return device ? { status: "signedIn", device } : { status: "checking" };
}

export function useStationAuth() {
  const realtime = useRealtime();
  const [state, setState] = useState<AuthState>(initialState);
  const [gate, setGateState] = useState<Gate | null>(() =>
    deviceToken.get() ? storedStation.gate() : null,
  );

  const forget = useCallback(
    (revoked: boolean) => {
      deviceToken.set(null);
      storedStation.setDevice(null);
      storedStation.setGate(null);
      void forgetBundles();
      setGateState(null);
      // No token source: the socket drops the station's identity (a null token would not).
      realtime.setTokenSource(undefined);
      setState({ status: "signedOut", revoked });
    },
    [realtime],
  );

  const check = useCallback(async () => {
    if (!deviceToken.get()) return;
    try {
      const body = await api<DeviceAnswer>("/api/devices/me/", { auth: "device" });
      const device = deviceFrom(body);
      const known = storedStation.device();
      if (known && known.id !== device.id) storedStation.setGate(null);
      storedStation.setDevice(device);
      setState({ status: "signedIn", device });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) forget(true);
      else setState((now) => (now.status === "checking" ? { status: "unreachable" } : now));
    }
  }, [forget]);

  useEffect(() => {
    void check();
  }, [check]);

  /** Validate a pasted token, then keep it and let the socket sign in with it. */
  const signIn = useCallback(
    async (token: string) => {
      const body = await api<DeviceAnswer>("/api/devices/me/", {
        auth: "none",
        headers: { Authorization: `Device ${token}` },
      });
      const device = deviceFrom(body);
      deviceToken.set(token);
      storedStation.setDevice(device);
      storedStation.setGate(null);
      setGateState(null);
      realtime.setTokenSource(deviceTokens);
      setState({ status: "signedIn", device });
    },
    [realtime],
  );

  const setGate = useCallback((next: Gate | null) => {
    storedStation.setGate(next);
    setGateState(next);
  }, []);

  return { state, gate, setGate, signIn, signOut: () => forget(false), retry: check };
}
