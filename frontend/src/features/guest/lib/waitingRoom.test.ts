import { describe, expect, it } from "vitest";
import {
  applyQueueEvent,
  applyWaitlistEvent,
  forgetPass,
  progressOf,
  readPass,
  readQueue,
  readWaitlistEntry,
  savePass,
  secondsLeft,
  waitParts,
} from "./waitingRoom";

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const WAITING = {
  ok: true,
  token: "tok",
  status: "waiting",
  position: 101,
  ahead: 100,
  estimated_wait_seconds: 600,
  opens_at: "2026-07-01T09:00:00Z",
};

describe("the queue's state", () => {
  it("reads the REST answer and starts the progress at the first place seen", () => {
    const state = readQueue(WAITING)!;
    expect(state).toMatchObject({ token: "tok", status: "waiting", position: 101, ahead: 100, startAhead: 100, pass: null });
    expect(progressOf(state)).toBe(0);
  });

  it("moves on with queue.position and fills the bar", () => {
    let state = readQueue(WAITING)!;
    state = applyQueueEvent(state, "queue.position", { position: 26, ahead: 25, estimated_wait_seconds: 150 });
    expect(state.position).toBe(26);
    expect(state.startAhead).toBe(100);
    expect(progressOf(state)).toBeCloseTo(0.75);
  });

  it("keeps the pass from queue.admitted and drops it on expiry", () => {
    let state = readQueue(WAITING)!;
    state = applyQueueEvent(state, "queue.admitted", { pass: { token: "p", expires_at: "2026-07-01T09:10:00Z" } });
    expect(state.status).toBe("admitted");
    expect(state.pass).toEqual({ token: "p", expires_at: "2026-07-01T09:10:00Z" });
    expect(progressOf(state)).toBe(1);
    // A snapshot after a reconnect without the pass keeps the one known.
    expect(readQueue({ token: "tok", status: "admitted" }, state)!.pass?.token).toBe("p");
    state = applyQueueEvent(state, "queue.expired", {});
    expect(state).toMatchObject({ status: "expired", pass: null });
  });

  it("has no position before the opening's draw", () => {
    const state = readQueue({ ...WAITING, position: null, ahead: null, estimated_wait_seconds: null })!;
    expect(state.position).toBeNull();
    expect(progressOf(state)).toBe(0);
  });

  it("ignores frames it does not know and answers without a token", () => {
    const state = readQueue(WAITING)!;
    expect(applyQueueEvent(state, "queue.other", {})).toBe(state);
    expect(readQueue({ status: "waiting" })).toBeNull();
  });

  it("counts down on the server's clock", () => {
    const now = Date.parse("2026-07-01T09:00:00Z");
    const state = readQueue({ ...WAITING, server_time: "2026-07-01T09:00:30Z" }, null, now)!;
    expect(state.clockOffset).toBe(30_000);
    expect(secondsLeft("2026-07-01T09:01:00Z", state.clockOffset, now)).toBe(30);
    expect(secondsLeft("2026-07-01T08:00:00Z", 0, now)).toBe(0);
    expect(secondsLeft(null, 0, now)).toBe(0);
  });

  it("says the wait in words' parts", () => {
    expect(waitParts(20)).toEqual({ unit: "soon", hours: 0, minutes: 0 });
    expect(waitParts(61)).toEqual({ unit: "minutes", hours: 0, minutes: 2 });
    expect(waitParts(3 * 3600 + 300)).toEqual({ unit: "hours", hours: 3, minutes: 5 });
  });
});

describe("the pass kept for the tab", () => {
  it("is read back while valid and forgotten once expired", () => {
    const storage = new MemoryStorage();
    const now = Date.parse("2026-07-01T09:00:00Z");
    savePass(storage, "fest", { token: "p", expires_at: "2026-07-01T09:10:00Z" });
    expect(readPass(storage, "fest", now)?.token).toBe("p");
    expect(readPass(storage, "other", now)).toBeNull();
    expect(readPass(storage, "fest", Date.parse("2026-07-01T09:10:01Z"))).toBeNull();
    expect(storage.length).toBe(0);
    savePass(storage, "fest", { token: "q", expires_at: "2026-07-01T09:10:00Z" });
    forgetPass(storage, "fest");
    expect(readPass(storage, "fest", now)).toBeNull();
  });

  it("ignores what is not a pass", () => {
    const storage = new MemoryStorage();
    storage.setItem("gh.queue.pass.fest", "{nope");
    expect(readPass(storage, "fest")).toBeNull();
  });
});

describe("a waitlist entry", () => {
  it("reads an entry and follows its frames", () => {
    let entry = readWaitlistEntry({ ok: true, id: 7, slot: 12, quantity: 2, status: "waiting", position: 3 })!;
    expect(entry).toMatchObject({ id: "7", slot: 12, quantity: 2, status: "waiting", position: 3, offer: null });
    entry = applyWaitlistEvent(entry, "waitlist.offered", { hold: "h-1", expires_at: "2026-07-01T09:10:00Z" });
    expect(entry).toMatchObject({ status: "offered", offer: { hold: "h-1" } });
    expect(applyWaitlistEvent(entry, "waitlist.taken", {}).status).toBe("taken");
    expect(applyWaitlistEvent(entry, "waitlist.lapsed", {})).toMatchObject({ status: "lapsed", offer: null });
  });

  it("reads a slot given as an object and an offer only when offered", () => {
    const entry = readWaitlistEntry({
      id: "9",
      slot: { id: 4, starts_at: "2026-07-01T10:00:00Z", label: "Main room" },
      quantity: 1,
      status: "offered",
      offer: { hold: "h", expires_at: "2026-07-01T09:10:00Z" },
    })!;
    expect(entry).toMatchObject({ slot: 4, starts_at: "2026-07-01T10:00:00Z", label: "Main room", offer: { hold: "h" } });
    expect(readWaitlistEntry({ id: 1, status: "waiting", offer: { hold: "h", expires_at: "x" } })!.offer).toBeNull();
    expect(readWaitlistEntry({ status: "waiting" })).toBeNull();
  });
});
