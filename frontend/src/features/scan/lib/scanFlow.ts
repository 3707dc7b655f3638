/**
 * One scan, from the code read to the result shown: over the websocket when it is live, over
 * REST when the socket is not, and on this device when the network is gone (the offline
 * bundle decides; an admission is queued for upload and written to the ledger so the ticket
 * goes in once). The same request id follows the scan through every path, so a scan the
 * server did receive before a drop is never counted twice.
 *
 * Framework-free: the page passes the real socket, fetch and stores; tests pass fakes.
 */
import { ApiError } from "../../../api/client";
import type { ScanDirection, ScanRequest } from "../../../api/schema";
import type { OfflineDecision, SeenAdmission } from "./offline";
import { outcomeFromAnswer } from "./outcome";
import type { GateRef, Outcome } from "./outcome";
import type { QueuedScan } from "./queue";
import { normaliseCode } from "./ticketCode";

/** The server refuses longer codes; no ticket code comes close. */
export const MAX_CODE_LENGTH = 512;


export interface ScanDeps {
  gate: GateRef;
  /** Whether to try the network at all (navigator.onLine). */
  online: () => boolean;
  viaSocket: (request: ScanRequest) => Promise<Record<string, unknown>>;
  viaRest: (request: ScanRequest) => Promise<Record<string, unknown>>;
  judge: (qr: string, direction: ScanDirection) => Promise<OfflineDecision>;
  queue: { add(item: QueuedScan): void };
  ledger: { record(ticketId: number, admission: SeenAdmission): void };
  now?: () => Date;
  newId?: () => string;
}

/** Resolves with the result to show; rejects with ApiError when the server refused the
 * request itself (this station may not scan here, its token was revoked, too many scans). */
export async function runScan(
  deps: ScanDeps,
  raw: string,
  direction: ScanDirection = "in",
): Promise<Outcome> {
  const qr = normaliseCode(raw);
  const requestId = (deps.newId ?? (() => crypto.randomUUID()))();
  const scannedAt = (deps.now ?? (() => new Date()))().toISOString();
  const remember = (outcome: Outcome) => {
    if (outcome.status === "admitted" && outcome.ticketId !== null)
      deps.ledger.record(outcome.ticketId, { at: outcome.scannedAt, gate: deps.gate });
    return outcome;
  };

  if (qr.length > MAX_CODE_LENGTH) {
    return {
      ...outcomeFromAnswer({ status: "invalid", scanned_at: scannedAt }, requestId),
      local: true,
    };
  }

  const request: ScanRequest = { gate: deps.gate.id, qr, request_id: requestId, direction };
  if (deps.online()) {
    let answer: Record<string, unknown> | null = null;
    try {
      answer = await deps.viaSocket(request);
    } catch {
      // Not connected, dropped, timed out or refused: REST says the same with a status code.
    }
    if (!answer) {
      try {
        answer = await deps.viaRest(request);
      } catch (error) {
        if (error instanceof ApiError) throw error;
        // The network is down after all: decide here.
      }
    }
    if (answer) return remember(outcomeFromAnswer(answer, requestId));
  }

  const decision = await deps.judge(qr, direction);
  if (decision.queue) {
    deps.queue.add({ requestId, gate: deps.gate.id, qr, scannedAt, ticketId: decision.ticketId });
  }
  return remember({
    requestId,
    status: decision.status,
    ticket: null,
    ticketId: decision.ticketId,
    firstAdmittedAt: decision.firstAdmittedAt,
    firstGate: decision.firstGate,
    scannedAt,
    local: true,
    queued: decision.queue,
    synced: false,
    conflict: false,
    vendor: null,
    crew: null,
    setup: null,
  });
}
