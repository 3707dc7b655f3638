/**
 * One scan's result as the station shows it, whether the server or the offline check decided.
 * Pure: turns the server's answer (REST, the `scan.result` frame, a `gate:{id}` frame) into
 * an Outcome, and says which colour each status is.
 */
import type { ScanAnswer } from "../../../api/schema";

/** A scan's status as the server gives it (ScanOutput.status in the schema). */
export type ServerStatus = ScanAnswer["status"];

/** Every ServerStatus (one the schema adds fails tsc here). */
const SERVER_STATUS: Record<ServerStatus, true> = {
  admitted: true,
  exited: true,
  already_used: true,
  invalid: true,
  void: true,
  unpaid: true,
  wrong_gate: true,
  wrong_event: true,
  // A vendor's setup code at a load-in gate: outside the event's setup window, or every crew
  // pass already in.
  outside_setup: true,
  crew_full: true,
};
export const SERVER_STATUSES: readonly ServerStatus[] = Object.keys(SERVER_STATUS) as ServerStatus[];

/**
 * Offline only: `not_listed` (signed for this event, but not on the gate's offline list: another
 * gate's ticket, or one issued after the list was fetched), `no_list` (no offline list yet) and
 * `setup_offline` (a vendor's setup code, which only the server can count in).
 */
export type ScanStatus = ServerStatus | "not_listed" | "no_list" | "setup_offline";

/** Green in, amber stop and look (used already, crew all in), blue not now, red refused. */
export type Tone = "ok" | "warn" | "wait" | "bad";

export function toneOf(status: ScanStatus): Tone {
  if (status === "admitted" || status === "exited") return "ok";
  if (status === "already_used" || status === "crew_full") return "warn";
  if (status === "outside_setup" || status === "setup_offline") return "wait";
  return "bad";
}

/** The vendor a setup code belongs to, and the booth it was given (a booth code, or null). */
export interface ScanVendor {
  id: number;
  name: string;
  booth: string | null;
}

/** A setup code's crew passes: how many are in, of how many. */
export interface ScanCrew {
  admitted: number;
  allowed: number;
}

export interface ScanTicket {
  id: number;
  label: string;
  holderName: string;
}

export interface GateRef {
  id: number;
  name: string;
}

export interface Outcome {
  requestId: string;
  status: ScanStatus;
  ticket: ScanTicket | null;
  /** The ticket id when only the code names it (offline: the bundle has no names). */
  ticketId: number | null;
  /** already_used: when and where the ticket first went in (either may be unknown). */
  firstAdmittedAt: string | null;
  firstGate: GateRef | null;
  scannedAt: string;
  /** Decided on this station without the server. */
  local: boolean;
  /** Decided locally and waiting in the queue for upload. */
  queued: boolean;
  /** The server replayed it from an offline queue. */
  synced: boolean;
  /** A sync found an earlier admission of the same ticket. */
  conflict: boolean;
  /** A setup code's vendor (null for a ticket). */
  vendor: ScanVendor | null;
  crew: ScanCrew | null;
  /** outside_setup: the setup window, when the server said it. */
  setup: { startsAt: string | null; endsAt: string | null } | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

export function isServerStatus(value: unknown): value is ServerStatus {
  return typeof value === "string" && (SERVER_STATUSES as readonly string[]).includes(value);
}

function count(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function vendorOf(value: unknown): ScanVendor | null {
  if (!isRecord(value) || typeof value.id !== "number") return null;
  return { id: value.id, name: text(value.name), booth: text(value.booth) || null };
}

function crewOf(value: unknown): ScanCrew | null {
  if (!isRecord(value)) return null;
  const admitted = count(value.admitted);
  const allowed = count(value.allowed);
  return admitted !== null && allowed !== null ? { admitted, allowed } : null;
}

function setupOf(value: unknown): Outcome["setup"] {
  if (!isRecord(value)) return null;
  return { startsAt: text(value.starts_at) || null, endsAt: text(value.ends_at) || null };
}

/** The server's answer (scan.result, REST commit, a sync result or a gate frame). */
export function outcomeFromAnswer(answer: unknown, requestId = ""): Outcome {
  const data = isRecord(answer) ? answer : {};
  const ticket = isRecord(data.ticket) ? data.ticket : null;
  const gate = isRecord(data.first_gate) ? data.first_gate : null;
  const ticketId = ticket && typeof ticket.id === "number" ? ticket.id : null;
  const vendor = vendorOf(data.vendor);
  return {
    requestId: text(data.request_id) || requestId,
    status: isServerStatus(data.status) ? data.status : "invalid",
    ticket:
      ticket && ticketId !== null
        ? { id: ticketId, label: text(ticket.label), holderName: text(ticket.holder_name) }
        : null,
    ticketId,
    firstAdmittedAt: text(data.first_admitted_at) || null,
    firstGate: gate && typeof gate.id === "number" ? { id: gate.id, name: text(gate.name) } : null,
    scannedAt: text(data.scanned_at) || new Date().toISOString(),
    local: false,
    queued: false,
    synced: data.offline === true,
    conflict: data.conflict === true,
    vendor,
    crew: vendor ? crewOf(data.crew) : null,
    setup: vendor ? setupOf(data.setup) : null,
  };
}

/** Whether the code scanned was a vendor's setup code (the server named its vendor, or the
 * station recognised one offline). */
export function isSetupCode(outcome: Pick<Outcome, "vendor" | "status">): boolean {
  return outcome.vendor !== null || outcome.status === "setup_offline";
}

/** A stable key for lists (server frames have no id; time + ticket + status is unique enough). */
export function outcomeKey(outcome: Outcome): string {
  const who = outcome.ticketId ?? (outcome.vendor ? `v${outcome.vendor.id}` : "-");
  return outcome.requestId || `${outcome.scannedAt}|${who}|${outcome.status}|${outcome.local ? "l" : "s"}`;
}
