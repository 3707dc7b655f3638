import { describe, expect, it } from "vitest";
import { hasTickets, POLL_LIMIT_MS, shouldPoll, statusTone } from "./bookingStatus";

describe("booking status", () => {
  it("has a tone per status", () => {
    expect(statusTone("confirmed")).toBe("ok");
    expect(statusTone("pending_payment")).toBe("warn");
    expect(statusTone("refunded")).toBe("bad");
    expect(statusTone("something_new")).toBe("info");
  });

  it("polls only while waiting for payment, for a while", () => {
    expect(shouldPoll("pending_payment", 0, 1_000)).toBe(true);
    expect(shouldPoll("pending_payment", 0, POLL_LIMIT_MS)).toBe(false);
    expect(shouldPoll("confirmed", 0, 1_000)).toBe(false);
  });

  it("knows which statuses carry tickets", () => {
    expect(hasTickets("confirmed")).toBe(true);
    expect(hasTickets("completed")).toBe(true);
    expect(hasTickets("pending_payment")).toBe(false);
    expect(hasTickets("refunded")).toBe(false);
  });
});
