/**
 * `/waitlist`: the guest's waitlist entries; `/waitlist/:id`: one entry, live on
 * `waitlist:{id}`: waiting (and where in line), an offer with its countdown and "Book now"
 * (the offered hold's ordinary checkout), taken, lapsed or left.
 */
import { useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError } from "../../../api/client";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useSession, useSessionReady } from "../../../components/SiteHeader";
import { signInPath } from "../../../shared/auth/nextPath";
import { formatClock, localDigits } from "../../../shared/lib/clock";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import { useTopic } from "../../../realtime/react";
import { useLoad } from "../../../shared/hooks/useLoad";
import { fetchEvent } from "../api";
import { fetchWaitlist, fetchWaitlists, leaveWaitlist } from "../api/waitingRoom";
import { applyWaitlistEvent, readWaitlistEntry, secondsLeft, waitlistTopicOf } from "../lib/waitingRoom";
import type { WaitlistEntry, WaitlistStatus } from "../lib/waitingRoom";
import { useTicking } from "../hooks/useTicking";
import "../waitingRoom.css";

const STATUS_KEYS: Record<WaitlistStatus, MessageKey> = {
  waiting: "waitlist.status.waiting",
  offered: "waitlist.status.offered",
  taken: "waitlist.status.taken",
  lapsed: "waitlist.status.lapsed",
  left: "waitlist.status.left",
};

/** Signed in, or on the way to sign in and back (false until the session is known). */
function useSignedInHere(path: string): boolean {
  const ready = useSessionReady();
  const user = useSession();
  const navigate = useNavigate();
  useEffect(() => {
    if (ready && !user) navigate(signInPath(path), { replace: true });
  }, [ready, user, path, navigate]);
  return ready && Boolean(user);
}

/** The events' names in the page's language (the entries name their event by slug). */
function useEventNames(slugs: string[]): Map<string, string> {
  const { lang } = useI18n();
  const key = [...new Set(slugs)].sort().join(",");
  const { data } = useLoad(
    async (signal) => {
      const names = new Map<string, string>();
      await Promise.all(
        key.split(",").map(async (slug) => {
          try {
            names.set(slug, (await fetchEvent(slug, signal)).name);
          } catch {
            // the slug stands in for a name that cannot be read
          }
        }),
      );
      return names;
    },
    key ? `${key}|${lang}` : null,
  );
  return data ?? new Map();
}

function useQuantityText(): (count: number) => string {
  const { t, formatNumber } = useI18n();
  return (count) => (count === 1 ? t("waitlist.quantityOne") : t("waitlist.quantity", { count: formatNumber(count) }));
}

export function MyWaitlistsPage() {
  const { t, formatNumber, formatDateTime } = useI18n();
  const signedIn = useSignedInHere("/waitlist");
  const quantityText = useQuantityText();
  const { data, error, reload } = useLoad((signal) => fetchWaitlists(signal), signedIn ? "mine" : null);
  const names = useEventNames((data ?? []).flatMap((entry) => (entry.event ? [entry.event] : [])));
  return (
    <main id="main" className="page narrow guest-page waitlist-page" data-testid="my-waitlists">
      <PageTitle title={t("waitlist.mine.title")}>{t("waitlist.mine.title")}</PageTitle>
      <ErrorNotice error={error} onRetry={reload} />
      {!data && !error && <Loading />}
      {data && data.length === 0 && <p className="empty-state">{t("waitlist.mine.empty")}</p>}
      {data && data.length > 0 && (
        <ul className="waitlist-list">
          {data.map((entry) => (
            <li key={entry.id} className="card waitlist-item" data-testid="waitlist-item">
              <div className="waitlist-item-text">
                <strong>{entry.label || names.get(entry.event ?? "") || entry.event}</strong>
                {entry.starts_at && <span className="muted">{formatDateTime(entry.starts_at, { dateStyle: "medium", timeStyle: "short" })}</span>}
                <span className="muted">
                  {quantityText(entry.quantity)}
                  {entry.status === "waiting" && entry.position !== null
                    ? ` · ${t("waitlist.positionIs", { position: formatNumber(entry.position) })}`
                    : ""}
                </span>
              </div>
              <span className={`waitlist-status waitlist-status-${entry.status}`}>{t(STATUS_KEYS[entry.status])}</span>
              <Link className="btn btn-small" to={`/waitlist/${encodeURIComponent(entry.id)}`}>
                {t("waitlist.mine.open")}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

export function WaitlistOfferPage() {
  const { t, formatNumber, lang } = useI18n();
  const { id = "" } = useParams();
  const signedIn = useSignedInHere(`/waitlist/${id}`);
  const quantityText = useQuantityText();
  const { data, error, reload } = useLoad((signal) => fetchWaitlist(id, signal), signedIn ? id : null);
  const [entry, setEntry] = useState<WaitlistEntry | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [leaveError, setLeaveError] = useState<unknown>(null);
  useEffect(() => setEntry(data), [data]);
  const names = useEventNames(entry?.event ? [entry.event] : []);
  const eventName = entry ? entry.label || names.get(entry.event ?? "") || "" : "";

  useTopic(signedIn && id ? waitlistTopicOf(id) : null, {
    onSnapshot: ({ snapshot }) => setEntry((current) => readWaitlistEntry(snapshot) ?? current),
    onEvent: ({ kind, data: frame }) => setEntry((current) => (current ? applyWaitlistEvent(current, kind, frame) : current)),
  });

  const now = useTicking(entry?.status === "offered");
  const left = secondsLeft(entry?.offer?.expires_at, 0, now);

  async function leave() {
    if (!entry) return;
    setLeaving(true);
    try {
      await leaveWaitlist(entry.id);
      setEntry({ ...entry, status: "left", offer: null });
    } catch (failure) {
      setLeaveError(failure);
    } finally {
      setLeaving(false);
    }
  }

  const title = t("waitlist.offer.title");
  const missing = error instanceof ApiError && (error.status === 404 || error.status === 403);
  return (
    <main id="main" className="page narrow guest-page waitlist-page" data-testid="waitlist-page">
      <PageTitle title={title}>{title}</PageTitle>
      {missing ? <p className="notice notice-error">{t("waitlist.missing")}</p> : <ErrorNotice error={error} onRetry={reload} />}
      {!entry && !error && <Loading />}
      {entry && (
        <section className={`card queue-card waitlist-${entry.status}`} data-testid={`waitlist-${entry.status}`} aria-live="polite">
          {eventName && <p className="queue-event">{eventName}</p>}
          {entry.status === "waiting" && (
            <>
              <p>
                {entry.position !== null
                  ? t("waitlist.offer.waiting", { position: formatNumber(entry.position), quantity: quantityText(entry.quantity) })
                  : t("waitlist.offer.waitingNoPosition", { quantity: quantityText(entry.quantity) })}
              </p>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => void leave()} disabled={leaving}>
                {t("waitlist.leave")}
              </button>
            </>
          )}
          {entry.status === "offered" && entry.offer && (
            <>
              <h2>{t("waitlist.offer.ready")}</h2>
              <p>{t("waitlist.offer.readyText", { quantity: quantityText(entry.quantity) })}</p>
              <p className="queue-countdown">
                <span className="queue-label">{t("waitlist.offer.left")}</span>
                <span className="queue-clock" role="timer" data-testid="waitlist-countdown" data-seconds={left}>
                  {formatClock(left, localDigits(lang))}
                </span>
              </p>
              <Link
                className="btn btn-large"
                to={`/checkout/${encodeURIComponent(entry.offer.hold)}`}
                data-testid="waitlist-book"
              >
                {t("waitlist.offer.book")} <span aria-hidden="true" className="arrow">→</span>
              </Link>
            </>
          )}
          {entry.status === "taken" && (
            <>
              <p>{t("waitlist.offer.taken")}</p>
              <Link className="btn" to="/bookings">
                {t("waitlist.offer.bookings")}
              </Link>
            </>
          )}
          {entry.status === "lapsed" && <p>{t("waitlist.offer.lapsed")}</p>}
          {entry.status === "left" && <p>{t("waitlist.offer.leftText")}</p>}
        </section>
      )}
      <ErrorNotice error={leaveError} />
      <p>
        <Link to="/waitlist">{t("waitlist.mine.title")}</Link>
      </p>
    </main>
  );
}
