/**
 * `/events/:slug/queue`: the event's waiting room (docs/waiting-room.md). Takes (or finds
 * again) the guest's place, shows the position, a progress bar and the estimated wait, live
 * on `queue:{slug}:{token}` (with a slow REST read besides, which also counts as being seen),
 * and once let in the pass's countdown with the way on to the event's booking page. The pass
 * is kept for the tab; the booking page sends it as `queue_pass`.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError } from "../../../api/client";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useSession, useSessionReady } from "../../../components/SiteHeader";
import { signInPath } from "../../../shared/auth/nextPath";
import { formatClock, localDigits } from "../../../shared/lib/clock";
import { useI18n } from "../../../i18n";
import { useTopic } from "../../../realtime/react";
import { useLoad } from "../../../shared/hooks/useLoad";
import { fetchEvent } from "../api";
import { fetchQueue, joinQueue, leaveQueue } from "../api/waitingRoom";
import {
  applyQueueEvent,
  forgetQueueToken,
  progressOf,
  queueTopicOf,
  readQueue,
  savePass,
  saveQueueToken,
  secondsLeft,
  waitParts,
} from "../lib/waitingRoom";
import type { QueueState } from "../lib/waitingRoom";
import { useTicking } from "../hooks/useTicking";
import "../waitingRoom.css";

const POLL_MS = 20_000;

function useWaitText(): (seconds: number | null) => string {
  const { t, formatNumber } = useI18n();
  return (seconds) => {
    const parts = waitParts(seconds ?? 0);
    if (parts.unit === "soon") return t("queue.wait.soon");
    if (parts.unit === "minutes") return t("queue.wait.minutes", { minutes: formatNumber(parts.minutes) });
    return t("queue.wait.hours", { hours: formatNumber(parts.hours), minutes: formatNumber(parts.minutes) });
  };
}

export default function QueuePage() {
  const { t } = useI18n();
  const { slug = "" } = useParams();
  const navigate = useNavigate();
  const ready = useSessionReady();
  const user = useSession();
  const { data: event } = useLoad((signal) => fetchEvent(slug, signal), slug);
  const [state, setState] = useState<QueueState | null>(null);
  const [off, setOff] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [leaving, setLeaving] = useState(false);
  const latest = useRef<QueueState | null>(null);
  latest.current = state;

  useEffect(() => {
    if (ready && !user) navigate(signInPath(`/events/${slug}/queue`), { replace: true });
  }, [ready, user, slug, navigate]);

  const join = useCallback(async () => {
    setError(null);
    setOff(false);
    try {
      const joined = await joinQueue(slug);
      saveQueueToken(sessionStorage, slug, joined.token);
      setState(joined);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === "waiting_room_off") setOff(true);
      else setError(failure);
    }
  }, [slug]);

  useEffect(() => {
    if (ready && user) void join();
  }, [ready, user, join]);

  // The pass goes where the booking page finds it.
  useEffect(() => {
    if (state?.status === "admitted" && state.pass) savePass(sessionStorage, slug, state.pass);
  }, [state, slug]);

  useTopic(state ? queueTopicOf(slug, state.token) : null, {
    onSnapshot: ({ snapshot }) => setState((current) => readQueue(snapshot, current)),
    onEvent: ({ kind, data }) => setState((current) => (current ? applyQueueEvent(current, kind, data) : current)),
  });

  // A slow read besides the socket: it keeps the place (being seen) and mends a missed frame.
  const waiting = state?.status === "waiting";
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      const current = latest.current;
      if (current) fetchQueue(slug, current.token, current).then(setState, () => undefined);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, slug]);

  async function leave() {
    if (!state) return;
    setLeaving(true);
    try {
      await leaveQueue(slug, state.token);
      forgetQueueToken(sessionStorage, slug);
      setState({ ...state, status: "left", pass: null });
    } catch (failure) {
      setError(failure);
    } finally {
      setLeaving(false);
    }
  }

  const title = t("queue.title");
  return (
    <main id="main" className="page narrow guest-page queue-page" data-testid="queue-page">
      <PageTitle title={event ? `${title} · ${event.name}` : title}>{title}</PageTitle>
      {event && <p className="queue-event">{event.name}</p>}
      <ErrorNotice error={error} onRetry={() => void join()} />
      {off && (
        <section className="card queue-card" data-testid="queue-off">
          <h2>{t("queue.off.title")}</h2>
          <p>{t("queue.off.text")}</p>
          <Link className="btn" to={`/events/${encodeURIComponent(slug)}`}>
            {t("queue.toEvent")}
          </Link>
        </section>
      )}
      {!state && !off && !error && <Loading label={t("queue.joining")} />}
      {state?.status === "waiting" && (
        <Waiting state={state} eventName={event?.name ?? ""} timeZone={event?.venue.time_zone} onLeave={leave} leaving={leaving} />
      )}
      {state?.status === "admitted" && <Admitted state={state} slug={slug} />}
      {(state?.status === "expired" || state?.status === "left") && (
        <section className="card queue-card" data-testid={`queue-${state.status}`}>
          <h2>{t(state.status === "expired" ? "queue.expired.title" : "queue.left.title")}</h2>
          <p>{t(state.status === "expired" ? "queue.expired.text" : "queue.left.text")}</p>
          <div className="queue-actions">
            <button type="button" className="btn" onClick={() => void join()}>
              {t("queue.again")}
            </button>
            {/* While the room is on, the event page would only send the guest back here. */}
            {!event?.waiting_room.active && (
              <Link className="btn btn-secondary" to={`/events/${encodeURIComponent(slug)}`}>
                {t("queue.toEvent")}
              </Link>
            )}
          </div>
        </section>
      )}
    </main>
  );
}

function Waiting({
  state,
  eventName,
  timeZone,
  onLeave,
  leaving,
}: {
  state: QueueState;
  eventName: string;
  timeZone?: string;
  onLeave(): void;
  leaving: boolean;
}) {
  const { t, formatNumber, formatDateTime } = useI18n();
  const waitText = useWaitText();
  const progress = progressOf(state);
  const beforeDraw = state.position === null;
  const ahead = state.ahead ?? 0;
  return (
    <section className="card queue-card" aria-labelledby="queue-position-label" data-testid="queue-waiting">
      <p className="queue-intro">{t("queue.intro", { event: eventName })}</p>
      {beforeDraw ? (
        <p className="notice" data-testid="queue-before-open">
          {t("queue.beforeOpen", {
            time: state.opens_at ? formatDateTime(state.opens_at, { dateStyle: "medium", timeStyle: "short" }, timeZone) : "",
          })}
        </p>
      ) : (
        <div className="queue-figures" aria-live="polite">
          <div className="queue-figure">
            <span id="queue-position-label" className="queue-label">
              {t("queue.position")}
            </span>
            <span className="queue-number" data-testid="queue-position" data-value={state.position ?? ""}>
              {formatNumber(state.position ?? 0)}
            </span>
            <span className="queue-sub">
              {ahead === 0 ? t("queue.next") : ahead === 1 ? t("queue.aheadOne") : t("queue.ahead", { count: formatNumber(ahead) })}
            </span>
          </div>
          <div className="queue-figure">
            <span className="queue-label">{t("queue.wait")}</span>
            <span className="queue-wait" data-testid="queue-wait" data-seconds={state.estimated_wait_seconds ?? ""}>
              {waitText(state.estimated_wait_seconds)}
            </span>
          </div>
        </div>
      )}
      <div
        className="queue-progress"
        role="progressbar"
        aria-label={t("queue.progress")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(progress * 100)}
        data-testid="queue-progress"
      >
        <span className="queue-progress-bar" style={{ inlineSize: `${Math.max(3, progress * 100)}%` }} />
      </div>
      <p className="muted queue-live">{t("queue.live")}</p>
      <button type="button" className="btn btn-secondary btn-small" onClick={onLeave} disabled={leaving}>
        {leaving ? t("queue.leaving") : t("queue.leave")}
      </button>
    </section>
  );
}

function Admitted({ state, slug }: { state: QueueState; slug: string }) {
  const { t, lang } = useI18n();
  const now = useTicking(true);
  const left = secondsLeft(state.pass?.expires_at, state.clockOffset, now);
  return (
    <section className="card queue-card queue-in" data-testid="queue-admitted" aria-live="assertive">
      <h2>{t("queue.in.title")}</h2>
      <p>{t("queue.in.text")}</p>
      <p className="queue-countdown">
        <span className="queue-label">{t("queue.in.left")}</span>
        <span className="queue-clock" role="timer" data-testid="queue-pass-countdown" data-seconds={left}>
          {formatClock(left, localDigits(lang))}
        </span>
      </p>
      <Link className="btn btn-large" to={`/events/${encodeURIComponent(slug)}`} data-testid="queue-book">
        {t("queue.in.book")} <span aria-hidden="true" className="arrow">→</span>
      </Link>
    </section>
  );
}
