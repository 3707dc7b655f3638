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
};
export const SERVER_STATUSES: readonly ServerStatus[] = Object.keys(SERVER_STATUS) as ServerStatus[];

/**
 * Offline only: `not_listed` (signed for this event, but not on the gate's offline list: another
 * gate's ticket, or one issued after the list was fetched) and `no_list` (no offline list yet).
 */
export type ScanStatus = ServerStatus | "not_listed" | "no_list";

export type Tone = "ok" | "warn" | "bad";

export function toneOf(status: ScanStatus): Tone {
  if (status === "admitted" || status === "exited") return "ok";
  if (status === "already_used") return "warn";
  return "bad";
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

/** The server's answer (scan.result, REST commit, a sync result or a gate frame). */
export function outcomeFromAnswer(answer: unknown, requestId = ""): Outcome {
  const data = isRecord(answer) ? answer : {};
  const ticket = isRecord(data.ticket) ? data.ticket : null;
  const gate = isRecord(data.first_gate) ? data.first_gate : null;
  const ticketId = ticket && typeof ticket.id === "number" ? ticket.id : null;
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
  };
}

/** A stable key for lists (server frames have no id; time + ticket + status is unique enough). */
export function outcomeKey(outcome: Outcome): string {
  return (
    outcome.requestId ||
    `${outcome.scannedAt}|${outcome.ticketId ?? "-"}|${outcome.status}|${outcome.local ? "l" : "s"}`
  );
}
