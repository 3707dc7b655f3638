import { describe, expect, it } from "vitest";
import { memoryStorage } from "../../../shared/lib/memoryStorage";
import {
  clearFlow,
  codeSent,
  confirmationPath,
  DEFAULT_EVENT,
  eventFromSearch,
  passSignInPath,
  readFlow,
  updateFlow,
  validMinutes,
  verifyPath,
  withEvent,
} from "./flow";

describe("the event of an invitation link", () => {
  it("defaults to the VIP evening", () => {
    expect(eventFromSearch("")).toBe(DEFAULT_EVENT);
    expect(eventFromSearch("?event=")).toBe(DEFAULT_EVENT);
  });

  it("takes a slug and refuses anything else", () => {
    expect(eventFromSearch("?event=gala-2026")).toBe("gala-2026");
    expect(eventFromSearch("?event=../admin")).toBe(DEFAULT_EVENT);
    expect(eventFromSearch(new URLSearchParams({ event: "a b" }))).toBe(DEFAULT_EVENT);
  });

  it("keeps a non-default event in the paths it builds", () => {
    expect(verifyPath(DEFAULT_EVENT)).toBe("/verify");
    expect(verifyPath("gala")).toBe("/verify?event=gala");
    expect(withEvent("/book", DEFAULT_EVENT)).toBe("/book");
    expect(withEvent("/book", "gala")).toBe("/book?event=gala");
    expect(confirmationPath("9b2f")).toBe("/vip/confirmed/9b2f");
  });
});

describe("the flow in session storage", () => {
  it("remembers a sent code: phone, request id and timings", () => {
    const store = memoryStorage();
    const flow = codeSent(
      "vip-evening",
      "+966500000001",
      { request_id: "r1", resend_in: 60, expires_in: 300 },
      1_000,
      store,
    );
    expect(flow).toEqual({
      event: "vip-evening",
      phone: "+966500000001",
      requestId: "r1",
      sentAt: 1_000,
      resendAt: 61_000,
      expiresAt: 301_000,
    });
    expect(readFlow(store)).toEqual(flow);
    expect(validMinutes(flow)).toBe(5);
  });

  it("drops fields set to undefined and starts afresh for another event", () => {
    const store = memoryStorage();
    updateFlow("vip-evening", { phone: "1", requestId: "r" }, store);
    expect(updateFlow("vip-evening", { requestId: undefined }, store)).toEqual({
      event: "vip-evening",
      phone: "1",
    });
    expect(updateFlow("gala", { holdId: "h" }, store)).toEqual({ event: "gala", holdId: "h" });
  });

  it("survives damaged storage and can be cleared", () => {
    const store = memoryStorage();
    store.setItem("gh.vip.flow", "{not json");
    expect(readFlow(store)).toBeNull();
    store.setItem("gh.vip.flow", JSON.stringify({ phone: "1" }));
    expect(readFlow(store)).toBeNull();
    updateFlow("vip-evening", { phone: "1" }, store);
    clearFlow(store);
    expect(readFlow(store)).toBeNull();
  });

  it("works with no storage at all", () => {
    expect(readFlow(null)).toBeNull();
    expect(updateFlow("vip-evening", { phone: "1" }, null)).toEqual({ event: "vip-evening", phone: "1" });
  });
});

describe("passSignInPath", () => {
  it("signs in and comes back to /verify for the same event", () => {
    expect(passSignInPath(DEFAULT_EVENT)).toBe("/signin?next=%2Fverify");
    expect(passSignInPath("gala")).toBe(`/signin?next=${encodeURIComponent("/verify?event=gala")}`);
  });
});
