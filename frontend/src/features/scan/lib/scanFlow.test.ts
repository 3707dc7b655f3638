import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../api/client";
import type { OfflineDecision } from "./offline";
import { runScan } from "./scanFlow";
import type { ScanDeps } from "./scanFlow";

vi.mock("../../../shared/auth/session", () => ({ session: {} }));

const ADMITTED = {
  ok: true,
  status: "admitted",
  ticket: { id: 812, label: "General Admission", holder_name: "Sara", event: 4 },
  gate: 3,
  scanned_at: "2026-12-21T16:02:11.120Z",
};

function deps(overrides: Partial<ScanDeps> = {}) {
  const decision: OfflineDecision = {
    status: "admitted",
    ticketId: 812,
    firstAdmittedAt: null,
    firstGate: null,
    queue: true,
  };
  const base = {
    gate: { id: 3, name: "North gate" },
    online: () => true,
    viaSocket: vi.fn(async () => ADMITTED as Record<string, unknown>),
    viaRest: vi.fn(async () => ADMITTED as Record<string, unknown>),
    judge: vi.fn(async () => decision),
    queue: { add: vi.fn() },
    ledger: { record: vi.fn() },
    now: () => new Date("2026-12-21T16:02:00Z"),
    newId: () => "req-1",
  };
  return { ...base, ...overrides };
}

describe("runScan", () => {
  it("scans over the socket, normalising the code, and remembers the admission", async () => {
    const d = deps();
    const outcome = await runScan(d, " gh1abc \n");
    expect(d.viaSocket).toHaveBeenCalledWith({
      gate: 3,
      qr: "GH1ABC",
      request_id: "req-1",
      direction: "in",
    });
    expect(d.viaRest).not.toHaveBeenCalled();
    expect(outcome).toMatchObject({ status: "admitted", local: false, requestId: "req-1" });
    expect(outcome.ticket?.holderName).toBe("Sara");
    expect(d.ledger.record).toHaveBeenCalledWith(812, {
      at: "2026-12-21T16:02:11.120Z",
      gate: { id: 3, name: "North gate" },
    });
  });

  it("falls back to REST with the same request id when the socket fails", async () => {
    const d = deps({ viaSocket: vi.fn(async () => Promise.reject(new Error("timeout"))) });
    const outcome = await runScan(d, "GH1ABC");
    expect(d.viaRest).toHaveBeenCalledWith(expect.objectContaining({ request_id: "req-1" }));
    expect(outcome.status).toBe("admitted");
    expect(d.judge).not.toHaveBeenCalled();
  });

  it("passes on the server's refusal of the request itself", async () => {
    const forbidden = new ApiError(403, { code: "forbidden", message: "Not this gate." });
    const d = deps({
      viaSocket: vi.fn(async () => Promise.reject(new Error("forbidden"))),
      viaRest: vi.fn(async () => Promise.reject(forbidden)),
    });
    await expect(runScan(d, "GH1ABC")).rejects.toBe(forbidden);
    expect(d.judge).not.toHaveBeenCalled();
  });

  it("decides offline when the network is down, and queues the admission", async () => {
    const d = deps({
      viaSocket: vi.fn(async () => Promise.reject(new Error("not_connected"))),
      viaRest: vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))),
    });
    const outcome = await runScan(d, "GH1ABC");
    expect(outcome).toMatchObject({ status: "admitted", local: true, queued: true, ticketId: 812 });
    expect(d.queue.add).toHaveBeenCalledWith({
      requestId: "req-1",
      gate: 3,
      qr: "GH1ABC",
      scannedAt: "2026-12-21T16:02:00.000Z",
      ticketId: 812,
    });
    expect(d.ledger.record).toHaveBeenCalledWith(812, {
      at: "2026-12-21T16:02:00.000Z",
      gate: { id: 3, name: "North gate" },
    });
  });

  it("does not touch the network when the browser is offline; refusals are not queued", async () => {
    const d = deps({
      online: () => false,
      judge: vi.fn(async () => ({
        status: "already_used" as const,
        ticketId: 812,
        firstAdmittedAt: "2026-12-21T15:00:00Z",
        firstGate: { id: 3, name: "North gate" },
        queue: false,
      })),
    });
    const outcome = await runScan(d, "GH1ABC");
    expect(d.viaSocket).not.toHaveBeenCalled();
    expect(d.viaRest).not.toHaveBeenCalled();
    expect(outcome).toMatchObject({ status: "already_used", local: true, queued: false });
    expect(d.queue.add).not.toHaveBeenCalled();
    expect(d.ledger.record).not.toHaveBeenCalled();
  });

  it("refuses an oversized code without sending it", async () => {
    const d = deps();
    const outcome = await runScan(d, "X".repeat(600));
    expect(outcome.status).toBe("invalid");
    expect(d.viaSocket).not.toHaveBeenCalled();
  });
});
