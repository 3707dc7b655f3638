/**
 * Open the tab's websocket now, on pages that watch no topic yet (the event list, the stay
 * search): the header's badge then reads "Live" instead of "Connecting…", and the socket is
 * ready when the guest opens an event.
 */
import { useEffect } from "react";
import { useRealtime } from "../../../realtime/react";

export function useConnectNow(): void {
  const realtime = useRealtime();
  useEffect(() => realtime.start(), [realtime]);
}
