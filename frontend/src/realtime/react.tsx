/** React's way to the tab's one RealtimeClient: the provider, topic hooks, connection state. */
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { ReactNode } from "react";
import { deviceToken } from "../api/client";
import { session } from "../shared/auth/session";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n";
import { RealtimeClient } from "./client";
import type { ConnectionState, TopicEvent, TopicListener, TopicSnapshot, TokenSource } from "./client";

const RealtimeContext = createContext<RealtimeClient | null>(null);

function socketUrl(): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws/`;
}

/** The signed-in guest or staff member's access token. */
export const userTokens: TokenSource = (fresh) => session.accessToken(fresh);

/** A scanning station's device token (never expires; `fresh` changes nothing). */
export const deviceTokens: TokenSource = async () => deviceToken.get();

let shared: RealtimeClient | null = null;

/** The tab's client, made on first use. */
export function realtimeClient(): RealtimeClient {
  shared ??= new RealtimeClient({ url: socketUrl(), tokenSource: userTokens });
  return shared;
}

/**
 * `tokens="device"` makes the socket speak for the scanning station whose device token is
 * stored (the /scan pages); otherwise it speaks for the signed-in user, following sign-in
 * and sign-out.
 */
export function RealtimeProvider({
  children,
  tokens = "user",
}: {
  children: ReactNode;
  tokens?: "user" | "device";
}) {
  const client = realtimeClient();
  useEffect(() => {
    client.start(); // connect now: the badge tells the truth even before a page subscribes
    const online = () => client.retryNow();
    window.addEventListener("online", online);
    const source = tokens === "device" ? deviceTokens : userTokens;
    client.setTokenSource(source);
    const unsubscribe =
      tokens === "user" ? session.subscribe(() => client.setTokenSource(source)) : () => {};
    return () => {
      window.removeEventListener("online", online);
      unsubscribe();
    };
  }, [client, tokens]);
  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeClient {
  return useContext(RealtimeContext) ?? realtimeClient();
}

function useOnline(): boolean {
  return useSyncExternalStore(
    (notify) => {
      window.addEventListener("online", notify);
      window.addEventListener("offline", notify);
      return () => {
        window.removeEventListener("online", notify);
        window.removeEventListener("offline", notify);
      };
    },
    () => navigator.onLine,
  );
}

/** live / connecting / reconnecting / offline, as the badge shows it. */
export function useConnectionState(): ConnectionState {
  const client = useRealtime();
  const state = useSyncExternalStore(
    (notify) => client.onState(notify),
    () => client.state,
  );
  return useOnline() ? state : "offline";
}

/**
 * Watch a topic while the component is mounted. Handlers may change between renders without
 * resubscribing; a change of topic or filter resubscribes.
 */
export function useTopic(
  topic: string | null,
  handlers: TopicListener,
  filter?: Record<string, unknown>,
): void {
  const client = useRealtime();
  const latest = useRef(handlers);
  latest.current = handlers;
  const filterKey = filter ? JSON.stringify(filter) : "";
  useEffect(() => {
    if (!topic) return;
    const listener: TopicListener = {
      onSnapshot: (snapshot: TopicSnapshot) => latest.current.onSnapshot?.(snapshot),
      onEvent: (event: TopicEvent) => latest.current.onEvent?.(event),
      onError: (code, message) => latest.current.onError?.(code, message),
    };
    return client.subscribe(topic, listener, filterKey ? JSON.parse(filterKey) : undefined);
  }, [client, topic, filterKey]);
}

const STATE_KEYS: Record<ConnectionState, MessageKey> = {
  live: "conn.live",
  connecting: "conn.connecting",
  reconnecting: "conn.reconnecting",
  offline: "conn.offline",
};

/** The visible connection state: a dot and a word, announced politely when it changes. */
export function ConnectionBadge() {
  const state = useConnectionState();
  const { t } = useI18n();
  const [shown, setShown] = useState(state);
  useEffect(() => {
    // Do not flash "reconnecting" for a blip shorter than a second.
    if (state === "live") return setShown(state);
    const timer = setTimeout(() => setShown(state), state === "offline" ? 0 : 1000);
    return () => clearTimeout(timer);
  }, [state]);
  const word = t(STATE_KEYS[shown]);
  return (
    <span
      className={`conn conn-${shown}`}
      role="status"
      aria-live="polite"
      aria-label={t("conn.label", { state: word })}
      data-state={shown}
    >
      <span className="conn-dot" aria-hidden="true" />
      <span className="conn-word">{word}</span>
    </span>
  );
}
