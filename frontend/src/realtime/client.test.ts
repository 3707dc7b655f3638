import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RealtimeClient } from "./client";
import type { SocketLike, TopicEvent, TopicSnapshot } from "./client";

/** A socket the test plays the server for: it records what the client sends. */
class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }

  close(code = 1000): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code });
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  receive(frame: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  /** The network dropped (the server did not say goodbye). */
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }

  sentOf(type: string): Record<string, unknown>[] {
    return this.sent.filter((frame) => frame.type === type);
  }
}

const latest = () => FakeSocket.all[FakeSocket.all.length - 1];

function makeClient(options: Partial<ConstructorParameters<typeof RealtimeClient>[0]> = {}) {
  return new RealtimeClient({
    url: "ws://test/ws/",
    createSocket: (url) => new FakeSocket(url),
    random: () => 0.5,
    ...options,
  });
}

/** Let the client's awaited promises (token source, auth) run. */
const settle = () => vi.advanceTimersByTimeAsync(0);

function recorder() {
  const snapshots: TopicSnapshot[] = [];
  const events: TopicEvent[] = [];
  const errors: string[] = [];
  return {
    snapshots,
    events,
    errors,
    listener: {
      onSnapshot: (snapshot: TopicSnapshot) => snapshots.push(snapshot),
      onEvent: (event: TopicEvent) => events.push(event),
      onError: (code: string) => errors.push(code),
    },
  };
}

const TOPIC = "event:summer-fest:availability";

function event(seq: number, epoch = "e1", available = seq) {
  return {
    type: "event",
    topic: TOPIC,
    kind: "availability",
    epoch,
    seq,
    data: { slots: [{ id: 41, available, version: seq }] },
  };
}

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-11-21T12:00:00Z"));
});

afterEach(() => {
  vi.useRealTimers();
});

describe("subscriptions", () => {
  it("subscribes once for many listeners and unsubscribes after the last leaves", async () => {
    const client = makeClient();
    const first = recorder();
    const second = recorder();
    const leaveFirst = client.subscribe(TOPIC, first.listener);
    latest().open();
    await settle();
    expect(latest().sentOf("subscribe")).toEqual([{ type: "subscribe", topic: TOPIC }]);

    latest().receive({ type: "subscribed", topic: TOPIC, epoch: "e1", seq: 3, snapshot: {} });
    const leaveSecond = client.subscribe(TOPIC, second.listener);
    expect(client.listenerCount(TOPIC)).toBe(2);
    latest().receive({ type: "subscribed", topic: TOPIC, epoch: "e1", seq: 3, snapshot: {} });
    latest().receive(event(4));
    expect(first.events.map((e) => e.seq)).toEqual([4]);
    expect(second.events.map((e) => e.seq)).toEqual([4]);

    leaveFirst();
    expect(latest().sentOf("unsubscribe")).toEqual([]);
    leaveSecond();
    expect(latest().sentOf("unsubscribe")).toEqual([{ type: "unsubscribe", topic: TOPIC }]);
    expect(client.listenerCount(TOPIC)).toBe(0);
  });

  it("sends the filter with the subscription", async () => {
    const client = makeClient();
    client.subscribe(TOPIC, {}, { from: "2026-12-05", to: "2026-12-07" });
    latest().open();
    await settle();
    expect(latest().sentOf("subscribe")[0]).toEqual({
      type: "subscribe",
      topic: TOPIC,
      filter: { from: "2026-12-05", to: "2026-12-07" },
    });
  });

  it("ignores frames already applied and passes errors to the topic's listeners", async () => {
    const client = makeClient();
    const seen = recorder();
    client.subscribe("hold:7", seen.listener);
    latest().open();
    await settle();
    latest().receive({ type: "error", code: "forbidden", topic: "hold:7" });
    expect(seen.errors).toEqual(["forbidden"]);
  });
});

describe("reconnecting", () => {
  it("backs off exponentially with jitter, then goes offline but keeps trying", async () => {
    const random = vi.fn(() => 0.5);
    const client = makeClient({ random, baseDelayMs: 500, maxDelayMs: 8_000, offlineAfter: 3 });
    const states: string[] = [];
    client.onState((state) => states.push(state));
    client.start();
    expect(FakeSocket.all).toHaveLength(1);

    // Each failure waits longer: 500, 1000, 2000, 4000, 8000, 8000 (capped) ms steps, of which
    // half is fixed and half random (0.5 here → three quarters of the step).
    const steps = [500, 1000, 2000, 4000, 8000, 8000];
    for (const [index, step] of steps.entries()) {
      latest().drop();
      const expected = step / 2 + 0.5 * (step / 2);
      await vi.advanceTimersByTimeAsync(expected - 1);
      expect(FakeSocket.all).toHaveLength(index + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(FakeSocket.all).toHaveLength(index + 2);
    }
    expect(states).toEqual(["reconnecting", "offline"]);
    expect(client.state).toBe("offline");

    // Jitter spreads clients out: the delay moves with the random draw, within the step.
    expect(client.backoffDelay(1)).toBe(375);
    random.mockReturnValue(0);
    expect(client.backoffDelay(1)).toBe(250);
    random.mockReturnValue(0.999);
    expect(client.backoffDelay(1)).toBe(500);
    expect(client.backoffDelay(30)).toBeLessThanOrEqual(8_000);

    latest().open();
    await settle();
    expect(client.state).toBe("live");
    // A success resets the backoff.
    latest().drop();
    await vi.advanceTimersByTimeAsync(375);
    expect(client.state).toBe("reconnecting");
  });

  it("reconnects at once when the server closes a slow client (4008)", async () => {
    const client = makeClient();
    client.start();
    latest().open();
    await settle();
    latest().drop(4008);
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it("reconnects at once when its node shuts down (1012), and recovers with since", async () => {
    const client = makeClient();
    client.subscribe(TOPIC, recorder().listener);
    latest().open();
    await settle();
    latest().receive({ type: "subscribed", topic: TOPIC, epoch: "e1", seq: 7, snapshot: {} });
    latest().drop(1012);
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(2);
    expect(client.state).toBe("reconnecting");
    const socket = latest();
    socket.open();
    await settle();
    expect(socket.sentOf("subscribe")).toEqual([
      { type: "subscribe", topic: TOPIC, since: { epoch: "e1", seq: 7 } },
    ]);
  });

  it("resubscribes every topic after a reconnect, recovering from the last position", async () => {
    const client = makeClient();
    const seen = recorder();
    client.subscribe(TOPIC, seen.listener);
    client.subscribe("event:summer-fest:dashboard", {});
    latest().open();
    await settle();
    latest().receive({ type: "subscribed", topic: TOPIC, epoch: "e1", seq: 10, snapshot: {} });
    latest().receive(event(11));
    latest().drop();

    await vi.advanceTimersByTimeAsync(1_000);
    const socket = latest();
    expect(FakeSocket.all).toHaveLength(2);
    socket.open();
    await settle();
    expect(socket.sentOf("subscribe")).toEqual([
      { type: "subscribe", topic: TOPIC, since: { epoch: "e1", seq: 11 } },
      { type: "subscribe", topic: "event:summer-fest:dashboard" },
    ]);

    // The server still had the history: the missed frames follow, no new snapshot.
    socket.receive({ type: "subscribed", topic: TOPIC, epoch: "e1", seq: 11, recovered: true });
    socket.receive(event(12));
    socket.receive(event(13));
    expect(seen.snapshots).toHaveLength(1);
    expect(seen.events.map((e) => e.seq)).toEqual([11, 12, 13]);
  });

  it("takes the fresh snapshot when recovery is not possible", async () => {
    const client = makeClient();
    const seen = recorder();
    client.subscribe(TOPIC, seen.listener);
    latest().open();
    await settle();
    latest().receive({ type: "subscribed", topic: TOPIC, epoch: "e1", seq: 10, snapshot: { a: 1 } });
    latest().drop();
    await vi.advanceTimersByTimeAsync(1_000);
    latest().open();
    await settle();
    latest().receive({
      type: "subscribed",
      topic: TOPIC,
      epoch: "e2",
      seq: 0,
      recovered: false,
      snapshot: { a: 2 },
    });
    expect(seen.snapshots.map((s) => s.snapshot)).toEqual([{ a: 1 }, { a: 2 }]);
    latest().receive(event(1, "e2"));
    expect(seen.events.map((e) => [e.epoch, e.seq])).toEqual([["e2", 1]]);
  });
});

describe("gaps", () => {
  async function subscribed() {
    const client = makeClient();
    const seen = recorder();
    client.subscribe(TOPIC, seen.listener);
    latest().open();
    await settle();
    latest().receive({ type: "subscribed", topic: TOPIC, epoch: "e1", seq: 5, snapshot: {} });
    return { client, seen, socket: latest() };
  }

  it("asks for the missed frames when a seq is skipped, and applies them in order", async () => {
    const { seen, socket } = await subscribed();
    socket.receive(event(6));
    socket.receive(event(8)); // 7 went missing
    expect(seen.events.map((e) => e.seq)).toEqual([6]);
    expect(socket.sentOf("subscribe").at(-1)).toEqual({
      type: "subscribe",
      topic: TOPIC,
      since: { epoch: "e1", seq: 6 },
    });
    socket.receive(event(9)); // still waiting for the replay: not applied out of order
    socket.receive({ type: "subscribed", topic: TOPIC, epoch: "e1", seq: 6, recovered: true });
    socket.receive(event(7));
    socket.receive(event(8));
    socket.receive(event(9));
    socket.receive(event(8)); // a duplicate does nothing
    expect(seen.events.map((e) => e.seq)).toEqual([6, 7, 8, 9]);
  });

  it("re-snapshots when the epoch changes", async () => {
    const { seen, socket } = await subscribed();
    socket.receive(event(1, "e9"));
    expect(seen.events).toEqual([]);
    expect(socket.sentOf("subscribe").at(-1)).toEqual({ type: "subscribe", topic: TOPIC });
    socket.receive({ type: "subscribed", topic: TOPIC, epoch: "e9", seq: 1, snapshot: { x: 1 } });
    expect(seen.snapshots.at(-1)?.snapshot).toEqual({ x: 1 });
  });
});

describe("authentication", () => {
  it("signs in before subscribing and refreshes the token before it expires", async () => {
    let issued = 0;
    const tokenSource = vi.fn(async (fresh: boolean) => {
      issued += 1;
      return `token-${issued}-${fresh ? "fresh" : "cached"}`;
    });
    const client = makeClient({ tokenSource, refreshLeadMs: 60_000 });
    client.subscribe("hold:7", {});
    latest().open();
    await settle();
    const socket = latest();
    expect(socket.sent).toEqual([{ type: "auth", token: "token-1-cached" }]);
    expect(client.state).toBe("live"); // the socket is open, signing in or not

    const expires = new Date(Date.now() + 15 * 60_000).toISOString();
    socket.receive({ type: "auth.ok", user: { id: 3 }, expires_at: expires });
    await settle();
    expect(client.state).toBe("live");
    expect(client.user).toEqual({ id: 3 });
    expect(socket.sent.at(-1)).toEqual({ type: "subscribe", topic: "hold:7" });

    // One minute before the 15 minutes end, a fresh token goes out on the same socket.
    await vi.advanceTimersByTimeAsync(14 * 60_000 - 1);
    expect(socket.sentOf("auth")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.sentOf("auth").at(-1)).toEqual({ type: "auth", token: "token-2-fresh" });
    expect(FakeSocket.all).toHaveLength(1);
  });

  it("goes live when the identity changes while the socket is still signing in", async () => {
    let issued = 0;
    const client = makeClient({ tokenSource: async () => `token-${++issued}` });
    client.subscribe("event:fest:bookings", {});
    latest().open();
    await settle();
    // Signed in on another tab (or the staff page's sign-in) before the first answer came.
    client.setTokenSource(async () => `token-${++issued}`);
    await settle();
    const socket = latest();
    expect(socket.sentOf("auth")).toHaveLength(2);

    socket.receive({ type: "auth.ok", user: { id: 3 } });
    await settle();
    socket.receive({ type: "auth.ok", user: { id: 3 } });
    await settle();
    expect(client.state).toBe("live");
    expect(socket.sentOf("subscribe").map((frame) => frame.topic)).toContain("event:fest:bookings");
  });

  it("reads connecting until the socket opens, then live before any answer", async () => {
    const client = makeClient({ tokenSource: async () => "token" });
    client.subscribe(TOPIC, {});
    expect(client.state).toBe("connecting");
    latest().open();
    expect(client.state).toBe("live");
    latest().drop();
    expect(client.state).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(1_000);
    latest().open();
    expect(client.state).toBe("live");
  });

  it("is not stranded by an auth_failed that comes after another sign-in's answer", async () => {
    let slow: (token: string) => void = () => undefined;
    const client = makeClient({ tokenSource: () => new Promise<string>((resolve) => (slow = resolve)) });
    client.subscribe(TOPIC, {});
    latest().open();
    await settle();
    const socket = latest();
    // The page signs in meanwhile: its token is at hand and its answer comes first.
    client.setTokenSource(async () => "fresh");
    await settle();
    socket.receive({ type: "auth.ok", user: { id: 3 } });
    await settle();
    expect(socket.sentOf("subscribe")).toHaveLength(1);
    // The first sign-in's token comes late, and is refused.
    slow("stale");
    await settle();
    socket.receive({ type: "error", code: "auth_failed" });
    await settle();
    expect(client.state).toBe("live");
    expect(socket.sentOf("subscribe")).toHaveLength(2); // the opening sign-in finished too
    client.subscribe("hold:9", {});
    expect(socket.sent.at(-1)).toEqual({ type: "subscribe", topic: "hold:9" });
  });

  it("after auth_expired, signs in again and takes back the dropped topics", async () => {
    let issued = 0;
    const client = makeClient({ tokenSource: async () => `token-${++issued}` });
    const seen = recorder();
    client.subscribe("hold:7", seen.listener);
    latest().open();
    await settle();
    const socket = latest();
    socket.receive({ type: "auth.ok", user: { id: 3 }, expires_at: null });
    await settle();
    socket.receive({ type: "subscribed", topic: "hold:7", epoch: "h", seq: 2, snapshot: {} });

    socket.receive({ type: "error", code: "auth_expired", topics: ["hold:7"] });
    await settle();
    expect(socket.sentOf("auth").at(-1)).toEqual({ type: "auth", token: "token-2" });
    socket.receive({ type: "auth.ok", user: { id: 3 }, expires_at: null });
    await settle();
    expect(socket.sent.at(-1)).toEqual({
      type: "subscribe",
      topic: "hold:7",
      since: { epoch: "h", seq: 2 },
    });
    expect(seen.errors).toEqual([]);
  });

  it("tells the listeners when no fresh token can be had", async () => {
    let calls = 0;
    const client = makeClient({ tokenSource: async () => (++calls === 1 ? "token" : null) });
    const seen = recorder();
    client.subscribe("hold:7", seen.listener);
    latest().open();
    await settle();
    latest().receive({ type: "auth.ok", user: { id: 3 }, expires_at: null });
    await settle();
    latest().receive({ type: "error", code: "auth_expired", topics: ["hold:7"] });
    await settle();
    expect(seen.errors).toEqual(["auth_expired"]);
  });

  it("answers scan requests by request_id and fails them when the socket drops", async () => {
    const client = makeClient();
    client.start();
    latest().open();
    await settle();
    const admitted = client.scan({ gate: 1, qr: "GH1…", request_id: "r1" });
    const lost = client.scan({ gate: 1, qr: "GH1…", request_id: "r2" });
    latest().receive({ type: "scan.result", request_id: "r1", status: "admitted" });
    await expect(admitted).resolves.toMatchObject({ status: "admitted" });
    latest().drop();
    await expect(lost).rejects.toMatchObject({ code: "disconnected" });
    await expect(client.scan({ gate: 1, qr: "x", request_id: "r3" })).rejects.toMatchObject({
      code: "not_connected",
    });
  });
});

describe("signing out", () => {
  it("reconnects anonymous at once when the token source has no token any more", async () => {
    let token: string | null = "device-token";
    const client = makeClient({ tokenSource: async () => token });
    client.start();
    latest().open();
    await settle();
    latest().receive({ type: "auth.ok", user: { id: null }, expires_at: null });
    await settle();
    expect(client.user).toEqual({ id: null });

    token = null;
    client.setTokenSource(async () => token);
    await settle();
    expect(FakeSocket.all[0].readyState).toBe(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(2);
    latest().open();
    await settle();
    expect(latest().sentOf("auth")).toEqual([]);
    expect(client.user).toBeNull();
    expect(client.state).toBe("live");
  });
});
