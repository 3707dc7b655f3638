/**
 * The selection of a booking page (festival, slot grid): what the guest picked, kept honest
 * against live availability (lost places are dropped and announced), restored after a sign-in
 * detour, and cleared of notices on every change.
 */
import { useCallback, useState } from "react";
import { useI18n } from "../../../i18n";
import type { EventDetail } from "../../../api/schema";
import { EMPTY_SELECTION, fitToAvailability } from "../lib/selection";
import type { Selection, Shortfall } from "../lib/selection";
import { useRestoredSelection } from "./useHoldAction";
import type { LiveAvailability } from "./useLiveAvailability";
import { useSelectionGuard } from "./useSelectionGuard";

export function useBookingSelection(
  event: EventDetail,
  availability: LiveAvailability,
  describeSlot: (slot: number) => string,
  onChange: () => void,
  /** A hold is on its way (see useHoldAction's `settling`): lost places wait. */
  settling = false,
) {
  const { t } = useI18n();
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [announcement, setAnnouncement] = useState("");
  const [restored, setRestored] = useState(false);
  const { availableOf } = availability;

  const onLost = (shortfalls: Shortfall[]) =>
    setAnnouncement(t("guest.live.lost", { what: shortfalls.map((item) => describeSlot(item.slot)).join(", ") }));
  useSelectionGuard(selection, setSelection, availability, onLost, settling);

  const restore = useCallback(
    (pending: Selection) => {
      setSelection(fitToAvailability(pending, availableOf).selection);
      setRestored(true);
    },
    [availableOf],
  );
  useRestoredSelection(event.slug, availability.slots !== null, restore);

  const change = (next: Selection) => {
    setSelection(next);
    setAnnouncement("");
    setRestored(false);
    onChange();
  };

  return { selection, change, announcement, setAnnouncement, restored };
}
