/**
 * The words each business uses for what a guest holds (one source for the web app; the
 * backend's is backend/inventory/wording.py): a festival's ticket at the gate, a stay's
 * reservation at reception, a meeting room's room booking, a repair appointment at the shop,
 * the VIP evening's invitation pass. Guests read references, never ids, and downloads are
 * named after them (`reservation-9B2F4C1E.pdf`), as the server names them.
 */
import type { EventKind } from "../../api/schema";
import type { MessageKey } from "../../i18n";

export const KINDS: readonly EventKind[] = ["festival", "stays", "rooms", "service", "vip"];

export interface KindWords {
  /** One ticket or pass with its reference: "Reservation {reference}". */
  document: MessageKey;
  /** The booking as a whole with its reference (page titles): "Appointment {reference}". */
  booking: MessageKey;
  /** The heading over what the guest holds: "Your reservation". */
  yours: MessageKey;
  /** What a confirmed booking's page says: where to show it. */
  confirmed: MessageKey;
  holder: MessageKey;
  loading: MessageKey;
  none: MessageKey;
  void: MessageKey;
  /** The start of downloaded files' names. */
  file: string;
}

const FILES: Record<EventKind, string> = {
  festival: "tickets",
  stays: "reservation",
  rooms: "room-booking",
  service: "appointment",
  vip: "pass",
};

export function kindOf(kind: string | null | undefined): EventKind {
  return (KINDS as readonly string[]).includes(kind ?? "") ? (kind as EventKind) : "festival";
}

/** The words of a business (a festival's for an unknown or missing kind). */
export function wordsOf(kind: string | null | undefined): KindWords {
  const k = kindOf(kind);
  return {
    document: `wording.${k}.document`,
    booking: `wording.${k}.booking`,
    yours: `wording.${k}.yours`,
    confirmed: `wording.${k}.confirmed`,
    holder: `wording.${k}.holder`,
    loading: `wording.${k}.loading`,
    none: `wording.${k}.none`,
    void: `wording.${k}.void`,
    file: FILES[k],
  };
}

/** A download's name after its reference, as the server's Content-Disposition gives it. */
export function downloadName(kind: string | null | undefined, reference: string, extension: "pdf" | "pkpass"): string {
  const safe = reference.replace(/[^A-Za-z0-9-]/g, "") || "booking";
  return `${wordsOf(kind).file}-${safe}.${extension}`;
}
