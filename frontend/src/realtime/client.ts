/**
 * The one websocket of a tab (docs/websocket.md): authentication, reference-counted topics,
 * reconnection with exponential backoff and jitter, `since` recovery and re-snapshots.
 *
 * Framework-free so that it can be tested with a fake socket and fake timers; React reaches it
 * through `realtime/react.tsx`.
 */

export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline";

export interface Position {
  epoch: string;
  seq: number;
}

export interface TopicEvent<T = unknown> extends Position {
  topic: string;
  kind: string;
  data: T;
}

export interface TopicSnapshot<T = unknown> extends Position {
  topic: string;
  snapshot: T;
}

export interface TopicListener {
  /** A full picture of the topic: replace what you had. */
  onSnapshot?(snapshot: TopicSnapshot): void;
  /** One change, in order and without holes. */
  onEvent?(event: TopicEvent): void;
  /** `forbidden`, `not_found`, `bad_request` for this topic, or `auth_expired` while no fresh
   * token could be had. */
  onError?(code: string, message?: string): void;
}

/** Returns a token for the `auth` frame (null: stay anonymous). `fresh` asks for a new one. */
export type TokenSource = (fresh: boolean) => Promise<string | null>;

export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface RealtimeOptions {
  url: string;
  tokenSource?: TokenSource;
  createSocket?: (url: string) => SocketLike;
  random?: () => number;
  now?: () => number;
  /** Backoff: first retry after about `baseDelayMs`, doubling up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Failed attempts in a row after which the state reads `offline` (retries go on). */
  offlineAfter?: number;
  /** Refresh the token this long before it expires. */
  refreshLeadMs?: number;
  requestTimeoutMs?: number;
}

interface TopicEntry {
  listeners: Set<TopicListener>;
  filter?: Record<string, unknown>;
  position?: Position;
  /** Waiting for `subscribed` (frames before it are ignored: the answer covers them). */
  pending: boolean;
}

interface PendingRequest {
  resolve(frame: Record<string, unknown>): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;

export class RealtimeError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
  }
}

export class RealtimeClient {
  private readonly options: Required<Omit<RealtimeOptions, "tokenSource">>;
  private tokenSource?: TokenSource;
  private socket: SocketLike | null = null;
  private readonly topics = new Map<string, TopicEntry>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly requests = new Map<string, PendingRequest>();
  private stateValue: ConnectionState = "connecting";
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private authenticated = false;
  private authPending = false;
  private closed = false;
  private started = false;
  private identity: Record<string, unknown> | null = null;

  constructor(options: RealtimeOptions) {
    this.tokenSource = options.tokenSource;
    this.options = {
      url: options.url,
      createSocket: options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike),
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      offlineAfter: options.offlineAfter ?? 4,
      refreshLeadMs: options.refreshLeadMs ?? 60_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 5_000,
    };
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** Who the connection is signed in as (`auth.ok`'s user), or null. */
  get user(): Record<string, unknown> | null {
    return this.identity;
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Connect (once); later calls do nothing. Subscribing connects too. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.connect();
  }

  close(): void {
    this.closed = true;
    this.clearTimers();
    for (const request of this.requests.values()) {
      clearTimeout(request.timer);
      request.reject(new RealtimeError("closed"));
    }
    this.requests.clear();
    this.socket?.close(1000);
    this.socket = null;
  }

  /** Change who the connection signs in as (sign-in, sign-out, a scanner's device token). */
  setTokenSource(source: TokenSource | undefined): void {
    this.tokenSource = source;
    if (this.socket?.readyState !== OPEN) return;
    // A new identity may watch other topics: ask for every topic again once signed in.
    void this.authenticate(false).then(() => {
      if (this.socket?.readyState === OPEN) this.resubscribeAll();
    });
  }

  /**
   * Watch a topic. The first listener subscribes, the last one to leave unsubscribes; a
   * listener that joins a topic already watched gets a fresh snapshot of its own.
   */
  subscribe(topic: string, listener: TopicListener, filter?: Record<string, unknown>): () => void {
    let entry = this.topics.get(topic);
    if (!entry) {
      entry = { listeners: new Set(), filter, pending: false };
      this.topics.set(topic, entry);
    }
    entry.listeners.add(listener);
    if (filter) entry.filter = filter;
    this.start();
    if (this.isReady()) this.sendSubscribe(topic, entry, false);
    return () => this.release(topic, listener);
  }

  /** Listeners on a topic (for tests and debugging). */
  listenerCount(topic: string): number {
    return this.topics.get(topic)?.listeners.size ?? 0;
  }

  /** Send a `scan` frame and wait for its `scan.result` (or the error naming its request_id). */
  scan(frame: { gate: number; qr: string; request_id: string; direction?: "in" | "out" }) {
    return this.request({ type: "scan", ...frame }, frame.request_id);
  }

  private request(frame: Record<string, unknown>, id: string): Promise<Record<string, unknown>> {
    if (!this.isReady()) return Promise.reject(new RealtimeError("not_connected"));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.requests.delete(id);
        reject(new RealtimeError("timeout"));
      }, this.options.requestTimeoutMs);
      this.requests.set(id, { resolve, reject, timer });
      this.send(frame);
    });
  }

  private release(topic: string, listener: TopicListener): void {
    const entry = this.topics.get(topic);
    if (!entry || !entry.listeners.delete(listener)) return;
    if (entry.listeners.size > 0) return;
    this.topics.delete(topic);
    if (this.isReady()) this.send({ type: "unsubscribe", topic });
  }

  private isReady(): boolean {
    return this.socket?.readyState === OPEN && !this.authPending;
  }

  private setState(state: ConnectionState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private connect(): void {
    if (this.closed) return;
    this.retryTimer = null;
    const socket = this.options.createSocket(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      // The socket is open: that is "live", whatever signing in on it still takes.
      this.setState("live");
      void this.onOpen();
    };
    socket.onmessage = (message) => {
      if (socket !== this.socket || typeof message.data !== "string") return;
      this.setState("live"); // a frame came: the connection works
      let frame: Record<string, unknown>;
      try {
        frame = JSON.parse(message.data);
      } catch {
        return;
      }
      this.onFrame(frame);
    };
    socket.onclose = (event) => {
      if (socket !== this.socket) return;
      this.onClose(event.code);
    };
    socket.onerror = () => undefined; // a close always follows
  }

  private async onOpen(): Promise<void> {
    this.failures = 0;
    await this.authenticate(false);
    if (this.socket?.readyState !== OPEN) return;
    this.resubscribeAll();
  }

  /** Send `auth` with a token (a fresh one when asked) and wait for the answer. */
  private async authenticate(fresh: boolean): Promise<void> {
    const socket = this.socket;
    if (!this.tokenSource) {
      this.signOutSocket();
      return;
    }
    this.authPending = true;
    let token: string | null = null;
    try {
      token = await this.tokenSource(fresh);
    } catch {
      token = null;
    }
    if (socket !== this.socket || socket?.readyState !== OPEN) {
      this.authPending = false;
      return;
    }
    if (!token) {
      this.authPending = false;
      this.signOutSocket();
      return;
    }
    await new Promise<void>((resolve) => {
      // A second sign-in on the same socket (the identity changed while the first was on its
      // way) must not strand the first one's caller: the next answer (auth.ok or
      // auth_failed) settles both.
      const earlier = this.authWaiter;
      this.authWaiter = () => {
        earlier?.();
        resolve();
      };
      this.send({ type: "auth", token });
    });
  }

  private authWaiter: (() => void) | null = null;

  /** Signed out: a new connection is the only way back to anonymous. */
  private signOutSocket(): void {
    if (!this.authenticated) return;
    this.authenticated = false;
    this.identity = null;
    this.socket?.close(4000, "signed out");
  }

  private finishAuth(): void {
    this.authPending = false;
    const waiter = this.authWaiter;
    this.authWaiter = null;
    waiter?.();
  }

  private scheduleRefresh(expiresAt: unknown): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    if (typeof expiresAt !== "string") return;
    const due = Date.parse(expiresAt) - this.options.now() - this.options.refreshLeadMs;
    this.refreshTimer = setTimeout(
      () => {
        this.refreshTimer = null;
        if (this.socket?.readyState === OPEN) void this.reauthenticate([]);
      },
      Math.max(1_000, due),
    );
  }

  /** Sign in again with a fresh token, then take back the topics the server dropped. */
  private async reauthenticate(dropped: string[]): Promise<void> {
    await this.authenticate(true);
    for (const topic of dropped) {
      const entry = this.topics.get(topic);
      if (!entry) continue;
      if (this.authenticated) this.sendSubscribe(topic, entry, true);
      else for (const listener of entry.listeners) listener.onError?.("auth_expired");
    }
  }

  private resubscribeAll(): void {
    for (const [topic, entry] of this.topics) this.sendSubscribe(topic, entry, true);
  }

  private sendSubscribe(topic: string, entry: TopicEntry, recover: boolean): void {
    const frame: Record<string, unknown> = { type: "subscribe", topic };
    if (entry.filter) frame.filter = entry.filter;
    if (recover && entry.position) frame.since = entry.position;
    entry.pending = true;
    this.send(frame);
  }

  private send(frame: Record<string, unknown>): void {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(frame));
  }

  private onFrame(frame: Record<string, unknown>): void {
    switch (frame.type) {
      case "auth.ok":
        this.authenticated = true;
        this.identity = (frame.user as Record<string, unknown>) ?? null;
        this.scheduleRefresh(frame.expires_at);
        this.finishAuth();
        return;
      case "subscribed":
        this.onSubscribed(frame);
        return;
      case "event":
        this.onEvent(frame as unknown as TopicEvent);
        return;
      case "scan.result":
        this.settle(frame.request_id, (request) => request.resolve(frame));
        return;
      case "error":
        this.onErrorFrame(frame);
        return;
      default:
        return;
    }
  }

  private onSubscribed(frame: Record<string, unknown>): void {
    const topic = frame.topic as string;
    const entry = this.topics.get(topic);
    if (!entry) return;
    entry.pending = false;
    entry.position = { epoch: String(frame.epoch), seq: Number(frame.seq) };
    if (frame.recovered === true) return; // the missed frames follow, in order
    const snapshot: TopicSnapshot = { topic, snapshot: frame.snapshot, ...entry.position };
    for (const listener of entry.listeners) listener.onSnapshot?.(snapshot);
  }

  private onEvent(frame: TopicEvent): void {
    const entry = this.topics.get(frame.topic);
    if (!entry || entry.pending || !entry.position) return;
    const position = entry.position;
    if (frame.epoch !== position.epoch) {
      // The server lost its numbering: only a fresh snapshot is safe.
      entry.position = undefined;
      this.sendSubscribe(frame.topic, entry, false);
      return;
    }
    if (frame.seq <= position.seq) return; // already applied
    if (frame.seq > position.seq + 1) {
      this.sendSubscribe(frame.topic, entry, true); // a gap: replay from where we are
      return;
    }
    entry.position = { epoch: frame.epoch, seq: frame.seq };
    for (const listener of entry.listeners) listener.onEvent?.(frame);
  }

  private onErrorFrame(frame: Record<string, unknown>): void {
    const code = String(frame.code);
    if (typeof frame.request_id === "string") {
      const message = typeof frame.message === "string" ? frame.message : undefined;
      this.settle(frame.request_id, (request) => request.reject(new RealtimeError(code, message)));
      return;
    }
    if (code === "auth_failed") {
      this.authenticated = false;
      this.identity = null;
      // Settle whoever waits for this answer, even if another sign-in's answer came first.
      if (this.authPending || this.authWaiter) this.finishAuth();
      return;
    }
    if (code === "auth_expired") {
      this.authenticated = false;
      const topics = Array.isArray(frame.topics) ? (frame.topics as string[]) : [];
      void this.reauthenticate(topics);
      return;
    }
    const topic = typeof frame.topic === "string" ? frame.topic : null;
    const entry = topic ? this.topics.get(topic) : undefined;
    if (!entry) return;
    entry.pending = false;
    for (const listener of entry.listeners) {
      listener.onError?.(code, typeof frame.message === "string" ? frame.message : undefined);
    }
  }

  private settle(id: unknown, action: (request: PendingRequest) => void): void {
    if (typeof id !== "string") return;
    const request = this.requests.get(id);
    if (!request) return;
    clearTimeout(request.timer);
    this.requests.delete(id);
    action(request);
  }

  private onClose(code: number): void {
    this.socket = null;
    this.authenticated = false;
    this.identity = null;
    if (this.authPending || this.authWaiter) this.finishAuth();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    for (const entry of this.topics.values()) entry.pending = false;
    for (const request of this.requests.values()) {
      clearTimeout(request.timer);
      request.reject(new RealtimeError("disconnected"));
    }
    this.requests.clear();
    if (this.closed) return;
    // A deliberate close reconnects at once: sign-out (4000), "too slow" (4008), and a node
    // shutting down (1012 "Service Restart": the balancer sends the new connection to another
    // node, where `since` recovers what was missed). Failures back off.
    const immediate = code === 4000 || code === 4008 || code === 1012;
    if (!immediate) this.failures += 1;
    this.setState(this.failures >= this.options.offlineAfter ? "offline" : "reconnecting");
    this.retryTimer = setTimeout(() => this.connect(), immediate ? 0 : this.backoffDelay());
  }

  /** Exponential backoff with "equal jitter": half the step fixed, half random. */
  backoffDelay(failures = this.failures): number {
    const step = Math.min(
      this.options.maxDelayMs,
      this.options.baseDelayMs * 2 ** Math.max(0, failures - 1),
    );
    return Math.round(step / 2 + this.options.random() * (step / 2));
  }

  /** Try now instead of waiting out the backoff (the browser came back online). */
  retryNow(): void {
    if (this.closed || this.socket || !this.retryTimer) return;
    clearTimeout(this.retryTimer);
    this.connect();
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.retryTimer = null;
    this.refreshTimer = null;
  }
}
