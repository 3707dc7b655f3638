import { describe, expect, it } from "vitest";
import { outcomeFromAnswer, toneOf } from "./outcome";

describe("outcomeFromAnswer", () => {
  it("reads the server's already_used answer", () => {
    const outcome = outcomeFromAnswer({
      type: "scan.result",
      request_id: "abc",
      ok: true,
      status: "already_used",
      ticket: { id: 812, label: "General Admission", holder_name: "Sara", event: 4 },
      first_admitted_at: "2026-12-21T16:02:11.120Z",
      first_gate: { id: 3, name: "North gate" },
      gate: 3,
      scanned_at: "2026-12-21T16:05:40.002Z",
    });
    expect(outcome).toMatchObject({
      requestId: "abc",
      status: "already_used",
      ticket: { id: 812, label: "General Admission", holderName: "Sara" },
      ticketId: 812,
      firstAdmittedAt: "2026-12-21T16:02:11.120Z",
      firstGate: { id: 3, name: "North gate" },
      scannedAt: "2026-12-21T16:05:40.002Z",
      local: false,
      conflict: false,
    });
  });

  it("treats anything unknown as invalid", () => {
    expect(outcomeFromAnswer({ status: "weird" }).status).toBe("invalid");
    expect(outcomeFromAnswer(null).ticket).toBeNull();
  });

  it("colours statuses", () => {
    expect(toneOf("admitted")).toBe("ok");
    expect(toneOf("exited")).toBe("ok");
    expect(toneOf("already_used")).toBe("warn");
    expect(toneOf("wrong_gate")).toBe("bad");
    expect(toneOf("not_listed")).toBe("bad");
  });
});
