import { describe, expect, it } from "vitest";
import { isSetupCode, outcomeFromAnswer, outcomeKey, toneOf } from "./outcome";

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

  it("reads a setup code's answer: the vendor, its booth and the crew count", () => {
    const outcome = outcomeFromAnswer({
      status: "admitted",
      message: "Crew of Falafel Co: welcome in.",
      vendor: { id: 7, name: "Falafel Co", booth: "A-01" },
      crew: { admitted: 3, allowed: 6 },
      gate: 9,
      scanned_at: "2026-12-21T08:05:00Z",
    });
    expect(outcome).toMatchObject({
      status: "admitted",
      ticket: null,
      ticketId: null,
      vendor: { id: 7, name: "Falafel Co", booth: "A-01" },
      crew: { admitted: 3, allowed: 6 },
    });
    expect(isSetupCode(outcome)).toBe(true);
    expect(outcomeKey({ ...outcome, requestId: "" })).toContain("v7");
  });

  it("reads the setup window of an outside_setup refusal, and a vendor without a booth", () => {
    const outcome = outcomeFromAnswer({
      status: "outside_setup",
      vendor: { id: 7, name: "Falafel Co", booth: null },
      crew: { admitted: 0, allowed: 0 },
      setup: { starts_at: "2026-12-20T06:00:00Z", ends_at: "2026-12-20T10:00:00Z" },
    });
    expect(outcome.vendor?.booth).toBeNull();
    expect(outcome.setup).toEqual({ startsAt: "2026-12-20T06:00:00Z", endsAt: "2026-12-20T10:00:00Z" });
    expect(isSetupCode(outcomeFromAnswer({ status: "admitted", ticket: { id: 1 } }))).toBe(false);
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
    expect(toneOf("crew_full")).toBe("warn");
    expect(toneOf("outside_setup")).toBe("wait");
    expect(toneOf("setup_offline")).toBe("wait");
    expect(toneOf("void")).toBe("bad");
  });
});
