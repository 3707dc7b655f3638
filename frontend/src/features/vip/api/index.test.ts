import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../api/client";
import { memoryStorage } from "../../../shared/lib/memoryStorage";
import { awaitsPayment, bookArrival, testPaymentUrl } from ".";
import { readFlow, updateFlow } from "../lib/flow";

type Reply = { status: number; body: unknown };

/** A fake server: answers in order, and remembers what was asked. */
function serve(...replies: Reply[]) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const fetch = vi.fn(async (path: string, init: RequestInit = {}) => {
    calls.push({
      method: init.method ?? "GET",
      path,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    });
    const reply = replies.shift() ?? { status: 204, body: null };
    return new Response(reply.body === null ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { "Content-Type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetch);
  return calls;
}

const booking = { id: "b1", status: "confirmed", amount: "0.00" };

beforeEach(() => {
  vi.stubGlobal("localStorage", memoryStorage());
  vi.stubGlobal("sessionStorage", memoryStorage());
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("booking an arrival time", () => {
  it("holds the slot, then books it under the guest's name", async () => {
    const calls = serve({ status: 201, body: { id: "h1" } }, { status: 201, body: booking });
    await expect(bookArrival("vip-evening", 7, "Noura")).resolves.toEqual(booking);
    expect(calls.map((c) => [c.method, c.path])).toEqual([
      ["POST", "/api/holds/"],
      ["POST", "/api/bookings/"],
    ]);
    expect(calls[0].body).toEqual({ event: "vip-evening", items: [{ slot: 7, quantity: 1 }] });
    expect(calls[1].body).toEqual({ hold: "h1", details: { name: "Noura" } });
    expect(readFlow()?.holdId).toBeUndefined();
  });

  it("gives the place back at once when the booking is refused", async () => {
    const refusal = { ok: false, error: { code: "already_booked", message: "used" } };
    const calls = serve({ status: 201, body: { id: "h1" } }, { status: 409, body: refusal });
    const error = await bookArrival("vip-evening", 7, "Noura").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("already_booked");
    expect(calls.at(-1)).toMatchObject({ method: "DELETE", path: "/api/holds/h1/" });
    expect(readFlow()?.holdId).toBeUndefined();
  });

  it("releases a hold this tab left behind before taking a new one", async () => {
    updateFlow("vip-evening", { holdId: "old" });
    const calls = serve(
      { status: 410, body: { ok: false, error: { code: "hold_expired", message: "gone" } } },
      { status: 201, body: { id: "h2" } },
      { status: 201, body: booking },
    );
    await bookArrival("vip-evening", 7, "Noura");
    expect(calls[0]).toMatchObject({ method: "DELETE", path: "/api/holds/old/" });
    expect(calls[1]).toMatchObject({ method: "POST", path: "/api/holds/" });
  });

  it("shows the booking a hold already has", async () => {
    const exists = { ok: false, error: { code: "booking_exists", message: "x", booking: "b1" } };
    const calls = serve(
      { status: 201, body: { id: "h1" } },
      { status: 409, body: exists },
      { status: 200, body: booking },
    );
    await expect(bookArrival("vip-evening", 7, "Noura")).resolves.toEqual(booking);
    expect(calls.at(-1)).toMatchObject({ method: "GET", path: "/api/bookings/b1/" });
  });
});

describe("paying", () => {
  it("pays only a priced booking that waits for it", () => {
    expect(awaitsPayment({ status: "pending_payment", amount: "150.00" })).toBe(true);
    expect(awaitsPayment({ status: "confirmed", amount: "150.00" })).toBe(false);
    expect(awaitsPayment({ status: "pending_payment", amount: "0.00" })).toBe(false);
  });

  it("goes to the test provider's page, which comes back to the confirmation", async () => {
    const calls = serve({ status: 200, body: { client: { url: "/api/payments/test/p1/" } } });
    await expect(testPaymentUrl("b1", "/vip/confirmed/b1")).resolves.toBe(
      "/api/payments/test/p1/?return=%2Fvip%2Fconfirmed%2Fb1",
    );
    expect(calls[0]).toMatchObject({ path: "/api/bookings/b1/pay/", body: { provider: "test" } });
  });
});
