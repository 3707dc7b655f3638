/**
 * Deciding a scan with no network, from the gate's offline bundle
 * (GET /api/scan/gates/{id}/offline-bundle/) and what this station has seen admitted.
 *
 * The server's order of checks is kept (backend/checkin/services.py judge_ticket): signature,
 * event, ticket known, void (or an old version), unpaid, then one admission per ticket.
 * Pure apart from the signature check, which KeyRing does.
 */
import type { BundleAnswer } from "../../../api/schema";
import type { ScanStatus } from "./outcome";
import { KeyRing, parseTicketCode, SETUP_FORMAT } from "./ticketCode";

export interface BundleTicket {
  id: number;
  version: number;
  /** "valid", "void", or "unpaid" (the bundle folds an unpaid booking into the status). */
  status: string;
  admitted: boolean;
}

/**
 * GET /api/scan/gates/{gate_id}/offline-bundle/, without its `ok`. Narrowed by hand: the
 * schema's BundleOutput types `gate` and each of `tickets` as any object.
 */
export interface OfflineBundle extends Omit<BundleAnswer, "ok" | "gate" | "tickets"> {
  gate: { id: number; name: string; mode: string; event: number };
  tickets: BundleTicket[];
}

export interface StoredBundle {
  etag: string;
  fetchedAt: string;
  bundle: OfflineBundle;
}

/** An admission this station knows of that the bundle may not have yet. */
export interface SeenAdmission {
  at: string;
  gate: { id: number; name: string } | null;
}

export interface BundleIndex {
  bundle: OfflineBundle;
  tickets: Map<number, BundleTicket>;
  revoked: Set<number>;
  keys: KeyRing;
}

export function indexBundle(bundle: OfflineBundle, subtle?: SubtleCrypto): BundleIndex {
  return {
    bundle,
    tickets: new Map(bundle.tickets.map((ticket) => [ticket.id, ticket])),
    revoked: new Set(bundle.revoked),
    keys: new KeyRing(bundle.public_keys, subtle),
  };
}

export function isOfflineBundle(value: unknown): value is OfflineBundle {
  if (typeof value !== "object" || value === null) return false;
  const bundle = value as Partial<OfflineBundle>;
  return (
    typeof bundle.gate?.id === "number" &&
    typeof bundle.gate.event === "number" &&
    typeof bundle.public_keys === "object" &&
    bundle.public_keys !== null &&
    Array.isArray(bundle.tickets) &&
    Array.isArray(bundle.revoked)
  );
}

export interface OfflineDecision {
  status: ScanStatus;
  ticketId: number | null;
  firstAdmittedAt: string | null;
  firstGate: { id: number; name: string } | null;
  /** Upload this scan when back online: only a first admission changes anything. */
  queue: boolean;
}

const REFUSED = (status: ScanStatus, ticketId: number | null = null): OfflineDecision => ({
  status,
  ticketId,
  firstAdmittedAt: null,
  firstGate: null,
  queue: false,
});

/**
 * The offline answer for a code at the bundle's gate. `seen` holds admissions this station
 * made or saw (its own, and other stations' through the gate's live feed) since the bundle.
 */
export async function judgeOffline(
  qr: string,
  index: BundleIndex | null,
  seen: (ticketId: number) => SeenAdmission | undefined,
  direction: "in" | "out" = "in",
): Promise<OfflineDecision> {
  if (!index) return REFUSED("no_list");
  const code = parseTicketCode(qr);
  if (!code || !(await index.keys.verify(code))) return REFUSED("invalid");
  const { gate } = index.bundle;
  // A vendor's setup code: only the server counts its crew (and its id is no ticket's).
  if (code.format === SETUP_FORMAT) return REFUSED(code.eventId !== gate.event ? "wrong_event" : "setup_offline");
  if (code.eventId !== gate.event) return REFUSED("wrong_event", code.ticketId);
  const ticket = index.tickets.get(code.ticketId);
  if (!ticket) {
    // Revoked tickets are listed even when the gate's list leaves them out.
    return REFUSED(index.revoked.has(code.ticketId) ? "void" : "not_listed", code.ticketId);
  }
  if (ticket.status === "void" || index.revoked.has(ticket.id) || ticket.version !== code.version)
    return REFUSED("void", ticket.id);
  if (ticket.status === "unpaid") return REFUSED("unpaid", ticket.id);
  if (ticket.status !== "valid") return REFUSED("void", ticket.id);

  const earlier = seen(ticket.id);
  const wentIn = earlier !== undefined || ticket.admitted;
  if (gate.mode === "reentry") {
    // Who is inside is not in the bundle: let people out and back in, and upload only the
    // first admission (the server keeps the earliest; a re-entry would come back a conflict).
    if (direction === "out") return { ...REFUSED("exited", ticket.id), status: "exited" };
    return { ...REFUSED("admitted", ticket.id), queue: !wentIn };
  }
  if (wentIn) {
    return {
      status: "already_used",
      ticketId: ticket.id,
      firstAdmittedAt: earlier?.at ?? null,
      firstGate: earlier?.gate ?? null,
      queue: false,
    };
  }
  return { ...REFUSED("admitted", ticket.id), queue: true };
}
