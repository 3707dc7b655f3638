/** The event page's body: the picker, and beside it (or under it, on a phone) the summary. */
import type { ReactNode } from "react";
import { useConnectionState } from "../../../realtime/react";
import { useI18n } from "../../../i18n";

export function BookingLayout({ picker, summary }: { picker: ReactNode; summary: ReactNode }) {
  return (
    <div className="booking-layout">
      <div className="booking-picker">{picker}</div>
      {summary}
    </div>
  );
}

/** "Live: changes by other guests appear here as they happen" (or why they do not). */
export function LiveNote({ failed }: { failed?: boolean }) {
  const { t } = useI18n();
  const state = useConnectionState();
  const live = state === "live" && !failed;
  return (
    <p className={`live-note ${live ? "is-live" : "is-stale"}`} data-testid="live-note">
      <span className="live-dot" aria-hidden="true" />
      {live ? t("guest.live.on") : t("guest.live.off")}
    </p>
  );
}
