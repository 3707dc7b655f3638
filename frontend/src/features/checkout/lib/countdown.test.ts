import { describe, expect, it } from "vitest";
import { secondsUntil as secondsLeft } from "../../../shared/lib/clock";
import { clockOffsetMs, deadlineOf, extensionOf, phaseOf } from "./countdown";

describe("hold countdown", () => {
  const answer = { expires_at: "2026-11-21T18:10:00Z", server_time: "2026-11-21T18:00:00Z" };

  it("takes the server's clock offset out", () => {
    // Our clock is 3 minutes fast: the hold still ends 10 minutes after the answer.
    const receivedAt = Date.parse("2026-11-21T18:03:00Z");
    expect(clockOffsetMs(answer.server_time, receivedAt)).toBe(-180_000);
    const deadline = deadlineOf(answer, receivedAt);
    expect(deadline - receivedAt).toBe(600_000);
    expect(secondsLeft(deadline, receivedAt)).toBe(600);
    expect(secondsLeft(deadline, receivedAt + 599_001)).toBe(1);
    expect(secondsLeft(deadline, receivedAt + 600_000)).toBe(0);
    expect(secondsLeft(deadline, receivedAt + 700_000)).toBe(0);
  });

  it("gives the same deadline after a reload with a later answer", () => {
    const first = deadlineOf(answer, 1_000_000);
    const later = deadlineOf(
      { expires_at: answer.expires_at, server_time: "2026-11-21T18:04:00Z" },
      1_000_000 + 240_000,
    );
    expect(later).toBe(first);
  });

  it("keeps going with a broken server time", () => {
    expect(clockOffsetMs("nonsense", 5)).toBe(0);
    expect(deadlineOf({ expires_at: "nonsense", server_time: "x" }, 42)).toBe(42);
  });

  it("has phases: running, a warning in the last minute, over", () => {
    expect(phaseOf(61)).toBe("running");
    expect(phaseOf(60)).toBe("warning");
    expect(phaseOf(1)).toBe("warning");
    expect(phaseOf(0)).toBe("over");
  });
});

describe("what more time did", () => {
  it("adds ten minutes to the 8:44 left: 18:44 now", () => {
    const receivedAt = Date.parse("2026-11-21T18:01:16Z");
    const before = receivedAt + (8 * 60 + 44) * 1000;
    const answer = { expires_at: "2026-11-21T18:20:00Z", server_time: "2026-11-21T18:01:16Z" };
    expect(extensionOf(before, answer, receivedAt)).toEqual({ addedSeconds: 600, secondsLeft: 18 * 60 + 44 });
  });

  it("says what the server gave, not what was asked (a fresh period from now gives 1 second)", () => {
    const receivedAt = Date.parse("2026-11-21T18:00:01Z");
    const before = receivedAt + (9 * 60 + 59) * 1000;
    const answer = { expires_at: "2026-11-21T18:10:01Z", server_time: "2026-11-21T18:00:01Z" };
    expect(extensionOf(before, answer, receivedAt)).toEqual({ addedSeconds: 1, secondsLeft: 600 });
  });

  it("takes the clock offset out and knows nothing added without a deadline before", () => {
    // Our clock is a minute behind the server's.
    const receivedAt = Date.parse("2026-11-21T17:59:00Z");
    const answer = { expires_at: "2026-11-21T18:15:00Z", server_time: "2026-11-21T18:00:00Z" };
    expect(extensionOf(0, answer, receivedAt)).toEqual({ addedSeconds: 0, secondsLeft: 900 });
  });
});
