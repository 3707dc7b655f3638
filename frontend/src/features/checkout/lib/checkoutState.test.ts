import { describe, expect, it } from "vitest";
import type { Booking, EventDetail, Hold } from "../../../api/schema";
import { checkoutReducer, initialCheckoutState } from "./checkoutState";
import type { CheckoutAction, CheckoutState } from "./checkoutState";
import type { DetailsForm } from "./details";

const hold: Hold = {
  ok: true,
  id: "h-1",
  event: "rooms",
  status: "active",
  expires_at: "2026-12-07T10:10:00Z",
  server_time: "2026-12-07T10:00:00Z",
  remaining_seconds: 600,
  extensions_left: 2,
  items: [],
  total: "30.00",
  currency: "USD",
  topic: "hold:h-1",
};
const event = { slug: "rooms", kind: "slots", hold_minutes: 10 } as unknown as EventDetail;
const booking = { id: "b-1", status: "pending_payment" } as unknown as Booking;
const form: DetailsForm = { kind: "slots", email: "", note: "" } as unknown as DetailsForm;

// Our clock runs 5 s behind the server's: the deadline is on our clock.
const receivedAt = Date.parse("2026-12-07T09:59:55Z");

function run(...actions: CheckoutAction[]): CheckoutState {
  return actions.reduce(checkoutReducer, initialCheckoutState);
}

const loaded: CheckoutAction = { type: "loaded", hold, receivedAt, event, form, booking: null };

describe("checkout state", () => {
  it("starts empty and loads the hold with its deadline on our clock", () => {
    expect(initialCheckoutState.hold).toBeNull();
    const state = run({ type: "loadStarted" }, loaded);
    expect(state.hold).toBe(hold);
    expect(state.event).toBe(event);
    expect(state.form).toBe(form);
    expect(state.deadline).toBe(Date.parse("2026-12-07T10:09:55Z"));
    expect(state.booking).toBeNull();
  });

  it("keeps a booking already made from the hold, and a failed load until the next start", () => {
    expect(run({ ...loaded, booking } as CheckoutAction).booking).toBe(booking);
    const failed = run({ type: "loadFailed", error: "offline" });
    expect(failed.loadError).toBe("offline");
    expect(checkoutReducer(failed, { type: "loadStarted" }).loadError).toBeNull();
    expect(run({ type: "retried" }, { type: "retried" }).attempt).toBe(2);
  });

  it("moves the deadline only when news brings both times", () => {
    const state = run(loaded);
    const partial = checkoutReducer(state, { type: "holdChanged", hold: { status: "active", extensions_left: 1 }, receivedAt });
    expect(partial.deadline).toBe(state.deadline);
    expect(partial.hold?.extensions_left).toBe(1);
    const later = checkoutReducer(state, {
      type: "holdChanged",
      hold: { expires_at: "2026-12-07T10:20:00Z", server_time: "2026-12-07T10:00:00Z" },
      receivedAt,
    });
    expect(later.deadline).toBe(Date.parse("2026-12-07T10:19:55Z"));
    expect(later.hold?.expires_at).toBe("2026-12-07T10:20:00Z");
    // News before the hold is loaded leaves no hold behind.
    expect(run({ type: "holdChanged", hold: { status: "expired" }, receivedAt }).hold).toBeNull();
  });

  it("keeps the first ending", () => {
    const state = run(loaded, { type: "ended", reason: "released" }, { type: "ended", reason: "expired", message: "late" });
    expect(state.ending).toEqual({ reason: "released", message: undefined });
  });

  it("clears the warning and says so when the hold is extended", () => {
    const warned = run(loaded, { type: "serverWarned", warned: true });
    expect(warned.serverWarned).toBe(true);
    const extended = checkoutReducer(warned, {
      type: "extended",
      hold: { ...hold, expires_at: "2026-12-07T10:20:00Z", extensions_left: 1 },
      receivedAt,
      notice: "10 more minutes",
    });
    expect(extended.serverWarned).toBe(false);
    expect(extended.extendedNotice).toBe("10 more minutes");
    expect(extended.hold?.extensions_left).toBe(1);
    expect(extended.deadline).toBe(Date.parse("2026-12-07T10:19:55Z"));
  });

  it("forgets a failed action when the next one starts", () => {
    const failed = run(loaded, { type: "actionStarted" }, { type: "actionFailed", error: "nope" });
    expect(failed.actionError).toBe("nope");
    expect(checkoutReducer(failed, { type: "actionStarted" }).actionError).toBeNull();
  });

  it("marks nothing while typing before a first try, then follows what is typed", () => {
    const typed = { ...form, email: "x" } as DetailsForm;
    const quiet = run(loaded, { type: "detailsChanged", form: typed, errors: { email: "Invalid" } });
    expect(quiet.form).toBe(typed);
    expect(quiet.errors).toEqual({});

    const refused = checkoutReducer(quiet, { type: "detailsRejected", errors: { email: "Invalid" }, general: ["Fix"] });
    const stillWrong = checkoutReducer(refused, { type: "detailsChanged", form: typed, errors: { email: "Invalid" } });
    expect(stillWrong.errors).toEqual({ email: "Invalid" });
    expect(stillWrong.general).toEqual(["Fix"]);
    const fixed = checkoutReducer(stillWrong, { type: "detailsChanged", form: typed, errors: {} });
    expect(fixed.errors).toEqual({});
    expect(fixed.general).toEqual([]);
  });

  it("submits: clears the marks, shows a failure, ends submitting, then books", () => {
    const refused = run(loaded, { type: "detailsRejected", errors: { email: "Invalid" }, general: ["Fix"] });
    const sending = checkoutReducer(refused, { type: "submitStarted" });
    expect(sending).toMatchObject({ submitting: true, errors: {}, general: [] });
    const failed = checkoutReducer(sending, { type: "submitFailed", message: "Server away" });
    expect(failed.general).toEqual(["Server away"]);
    expect(checkoutReducer(failed, { type: "submitFinished" }).submitting).toBe(false);
    expect(checkoutReducer(sending, { type: "booked", booking }).booking).toBe(booking);
  });
});
