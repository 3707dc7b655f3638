/**
 * /checkout/:holdId — the guest's hold with its countdown (server clock, live on `hold:{id}`),
 * the guest details its kind of event needs, then payment. A reload picks up where it was:
 * the countdown from the server, the booking made from this hold, the details typed so far.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ErrorNotice, Loading, PageTitle, useErrorText } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { useTopic } from "../../../realtime/react";
import type { TopicEvent, TopicSnapshot } from "../../../realtime/client";
import { isApiError } from "../../../api/client";
import { bookingOfHold, bookings, events, holds } from "../api";
import type { Booking, EventDetail, Hold } from "../../../api/schema";
import { DetailsFields } from "./DetailsForm";
import { HoldTimer, ReleaseHold } from "./HoldTimer";
import { Icon } from "../../../components/Icon";
import { ItemsSummary } from "./ItemsSummary";
import { PaymentStep } from "./PaymentStep";
import { useNow, useSignedInUser } from "../hooks/common";
import { hasTickets } from "../lib/bookingStatus";
import { isolate, ltr } from "../../../shared/lib/bidi";
import { secondsUntil } from "../../../shared/lib/clock";
import { deadlineOf } from "../lib/countdown";
import type { ServerClock } from "../lib/countdown";
import { bookingBody, initialDetails, placeServerErrors, validateDetails } from "../lib/details";
import type { DetailsForm, Problem } from "../lib/details";
import { flattenFieldErrors } from "../lib/fieldErrors";
import "../../../shared/styles/checkout.css";
import { holdTopic } from "../../../realtime/topics";

type Ending = { reason: "expired" | "released"; message?: string };

interface HoldState extends Partial<ServerClock> {
  status?: Hold["status"];
  extensions_left?: number;
}

const HOLD_KEY = "gh.hold";

/** The browse pages remember the hold in progress; forget it once it has ended. */
function forgetHold(id: string): void {
  try {
    const stored = JSON.parse(localStorage.getItem(HOLD_KEY) ?? "null") as { id?: string } | null;
    if (stored?.id === id) localStorage.removeItem(HOLD_KEY);
  } catch {
    localStorage.removeItem(HOLD_KEY);
  }
}

/** The details typed so far survive a reload (same hold, same items). */
function draftKey(hold: Hold): string {
  return `gh.checkout.${hold.id}.${hold.items.map((item) => `${item.slot}x${item.quantity}`).join(",")}`;
}

function loadDraft(hold: Hold, kind: string): DetailsForm | null {
  try {
    const draft = JSON.parse(sessionStorage.getItem(draftKey(hold)) ?? "null") as DetailsForm | null;
    return draft?.kind === kind ? draft : null;
  } catch {
    return null;
  }
}

export default function CheckoutPage() {
  const { holdId = "" } = useParams();
  const user = useSignedInUser();
  const { t, formatNumber } = useI18n();
  const navigate = useNavigate();
  const errorText = useErrorText();

  const [hold, setHold] = useState<Hold | null>(null);
  const [deadline, setDeadline] = useState(0);
  const [event, setEvent] = useState<EventDetail | null>(null);
  const [booking, setBooking] = useState<Booking | null>(null);
  const [ending, setEnding] = useState<Ending | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [serverWarned, setServerWarned] = useState(false);
  const [form, setForm] = useState<DetailsForm | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [extendedNotice, setExtendedNotice] = useState("");
  const [attempt, setAttempt] = useState(0);
  const bookingRef = useRef<Booking | null>(null);
  bookingRef.current = booking;
  const paymentHeading = useRef<HTMLHeadingElement>(null);

  const applyClock = useCallback((state: HoldState, receivedAt: number) => {
    if (state.expires_at && state.server_time)
      setDeadline(deadlineOf({ expires_at: state.expires_at, server_time: state.server_time }, receivedAt));
    setHold((current) =>
      current
        ? {
            ...current,
            ...(state.status ? { status: state.status } : {}),
            ...(state.expires_at ? { expires_at: state.expires_at } : {}),
            ...(typeof state.extensions_left === "number" ? { extensions_left: state.extensions_left } : {}),
          }
        : current,
    );
  }, []);

  const goToBooking = useCallback(async () => {
    forgetHold(holdId);
    const known = bookingRef.current ?? (await bookingOfHold(holdId).catch(() => null));
    navigate(known ? `/bookings/${known.id}` : "/bookings", { replace: true });
  }, [holdId, navigate]);

  const end = useCallback(
    (reason: Ending["reason"], message?: string) => {
      forgetHold(holdId);
      setEnding((current) => current ?? { reason, message });
    },
    [holdId],
  );

  /** A hold's status from the server: carry on, or end here. */
  const follow = useCallback(
    (status: Hold["status"] | undefined) => {
      if (status === "converted") void goToBooking();
      else if (status === "expired" || status === "released") end(status);
    },
    [goToBooking, end],
  );

  // Load the hold, its event and any booking already made from it.
  useEffect(() => {
    if (!user) return;
    let cancelled = false;
    setLoadError(null);
    (async () => {
      try {
        const { value, receivedAt } = await holds.get(holdId);
        const [detail, existing] = await Promise.all([events.get(value.event), bookingOfHold(holdId)]);
        if (cancelled) return;
        setHold(value);
        setDeadline(deadlineOf(value, receivedAt));
        setEvent(detail);
        setForm(loadDraft(value, detail.kind) ?? initialDetails(detail.kind, value.items, detail.resources, user));
        if (existing && hasTickets(existing.status)) {
          navigate(`/bookings/${existing.id}`, { replace: true });
          return;
        }
        if (existing?.status === "pending_payment") setBooking(existing);
        follow(value.status);
      } catch (error) {
        if (!cancelled) setLoadError(error);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [user, holdId, attempt, navigate, follow]);

  useTopic(hold && !ending ? holdTopic(holdId) : null, {
    onSnapshot: ({ snapshot }: TopicSnapshot) => {
      const state = snapshot as HoldState;
      applyClock(state, Date.now());
      follow(state.status);
    },
    onEvent: ({ kind, data }: TopicEvent) => {
      const state = data as HoldState;
      applyClock(state, Date.now());
      if (kind === "hold.expiring") setServerWarned(true);
      if (kind === "hold.extended") setServerWarned(false);
      if (kind === "hold.expired") end("expired");
      if (kind === "hold.released") end("released");
      if (kind === "hold.converted") void goToBooking();
    },
  });

  // Keep the draft of the details.
  useEffect(() => {
    if (hold && form && !booking) sessionStorage.setItem(draftKey(hold), JSON.stringify(form));
  }, [hold, form, booking]);

  if (user === undefined || (!hold && !loadError)) return <Loading label={t("checkout.loadingHold")} />;
  if (loadError || !hold || !event || !form) {
    const missing = isApiError(loadError, undefined, 404);
    return (
      <main id="main" className="page narrow">
        <PageTitle title={t("checkout.title")}>{t("checkout.title")}</PageTitle>
        {missing ? (
          <p className="notice notice-warn" role="alert">
            {t("checkout.notFound")}
          </p>
        ) : (
          <ErrorNotice error={loadError} onRetry={() => setAttempt((n) => n + 1)} />
        )}
        <p>
          <Link to="/bookings">{t("checkout.booking.all")}</Link>
        </p>
      </main>
    );
  }

  if (ending) return <HoldEnded ending={ending} event={event} />;

  async function extend() {
    setActionError(null);
    try {
      const { value, receivedAt } = await holds.extend(holdId);
      applyClock(value, receivedAt);
      setServerWarned(false);
      setExtendedNotice(t("checkout.extended", { minutes: event?.hold_minutes ?? 10 }));
    } catch (error) {
      if (isApiError(error, undefined, 410)) end("expired");
      else setActionError(error);
    }
  }

  async function release() {
    setActionError(null);
    try {
      if (booking?.status === "pending_payment") await bookings.cancel(booking.id);
      else await holds.release(holdId);
      if (hold) sessionStorage.removeItem(draftKey(hold));
      end("released");
    } catch (error) {
      if (isApiError(error, undefined, 410)) end("expired");
      else setActionError(error);
    }
  }

  /** A problem in words, its numbers in the language's digits. */
  function say(problem: Problem): string {
    const vars = problem.vars
      ? Object.fromEntries(
          Object.entries(problem.vars).map(([name, value]) => [name, typeof value === "number" ? formatNumber(value) : value]),
        )
      : undefined;
    return t(problem.key, vars);
  }

  /** After a first try, the marks follow what is typed: fixed fields lose theirs. */
  function changeDetails(next: DetailsForm) {
    setForm(next);
    if (Object.keys(errors).length === 0 && general.length === 0) return;
    const problems = validateDetails(next);
    setErrors(Object.fromEntries(Object.entries(problems).map(([path, p]) => [path, say(p)])));
    if (Object.keys(problems).length === 0) setGeneral([]);
  }

  async function submitDetails(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    const problems = validateDetails(form);
    if (Object.keys(problems).length) {
      setErrors(Object.fromEntries(Object.entries(problems).map(([path, p]) => [path, say(p)])));
      setGeneral([t("checkout.details.fix")]);
      focusFirstError();
      return;
    }
    setErrors({});
    setGeneral([]);
    setSubmitting(true);
    try {
      const made = await bookings.create({ hold: holdId, ...bookingBody(form) });
      if (hold) sessionStorage.removeItem(draftKey(hold));
      if (hasTickets(made.status)) {
        forgetHold(holdId);
        navigate(`/bookings/${made.id}`, { replace: true });
        return;
      }
      setBooking(made);
      requestAnimationFrame(() => paymentHeading.current?.focus());
    } catch (error) {
      if (isApiError(error, undefined, 410)) end("expired", t("checkout.holdExpired"));
      else if (isApiError(error, "booking_exists") && typeof error.body.booking === "string") {
        const existing = await bookings.get(error.body.booking).catch(() => null);
        if (existing && hasTickets(existing.status)) navigate(`/bookings/${existing.id}`, { replace: true });
        else if (existing) setBooking(existing);
        else setGeneral([errorText(error)]);
      } else if (isApiError(error, "validation_error")) {
        const placed = placeServerErrors(form, flattenFieldErrors(error.body.fields));
        setErrors(placed.fields);
        setGeneral(placed.general.length ? placed.general : [t("checkout.details.fix")]);
        focusFirstError();
      } else setGeneral([errorText(error)]);
    } finally {
      setSubmitting(false);
    }
  }

  const venue = [event.venue.name, event.venue.city].filter(Boolean).join(", ");
  const step = booking ? 2 : 1;
  return (
    <main id="main" className="page co-checkout">
      <PageTitle title={t("checkout.title")}>
        {t("checkout.title")}
        <span className="co-subtitle">{event.name}</span>
      </PageTitle>
      <LiveHoldTimer
        deadline={deadline}
        serverWarned={serverWarned}
        extensionsLeft={hold.extensions_left}
        holdMinutes={event.hold_minutes}
        onExtend={extend}
        onOver={() => end("expired")}
        extendedNotice={extendedNotice}
      />
      <ErrorNotice error={actionError} />
      <div className="co-layout">
        <div className="co-main">
          <ol className="co-steps" aria-label={t("checkout.step", { n: step, total: 2 })}>
            <li aria-current={step === 1 ? "step" : undefined} className={step > 1 ? "co-step-done" : ""}>
              <span className="co-step-dot" aria-hidden="true">
                {step > 1 ? <Icon name="check" size={14} /> : formatNumber(1)}
              </span>
              {t("checkout.step.details")}
            </li>
            <li aria-current={step === 2 ? "step" : undefined}>
              <span className="co-step-dot" aria-hidden="true">
                {formatNumber(2)}
              </span>
              {t("checkout.step.payment")}
            </li>
          </ol>
          {booking ? (
            <section className="card co-step-card" aria-labelledby="co-pay-title">
              <h2 id="co-pay-title" className="co-h2" tabIndex={-1} ref={paymentHeading}>
                {t("checkout.pay.title")}
                <span className="co-h2-note">{t("checkout.pay.booking", { reference: ltr(booking.reference) })}</span>
              </h2>
              <PaymentStep
                booking={booking}
                eventName={event.name}
                phone={user?.phone}
                onHoldExpired={() => end("expired", t("checkout.holdExpired"))}
              />
            </section>
          ) : (
            <section className="card co-step-card" aria-labelledby="co-details-title">
              <h2 id="co-details-title" className="co-h2">
                {t("checkout.step.details")}
              </h2>
              <form className="stack co-details" onSubmit={submitDetails} noValidate>
                <DetailsFields form={form} onChange={changeDetails} errors={errors} />
                {general.length > 0 && (
                  <div className="notice notice-error" role="alert">
                    {general.map((message) => (
                      <span key={message}>{message}</span>
                    ))}
                  </div>
                )}
                <button type="submit" className="btn btn-block" disabled={submitting}>
                  {submitting ? t("checkout.details.submitting") : t("checkout.details.submit")}
                </button>
              </form>
            </section>
          )}
        </div>
        <aside className="co-aside">
          <ItemsSummary
            items={hold.items}
            currency={hold.currency}
            kind={event.kind}
            timeZone={event.venue.time_zone}
            eventName={event.name}
            venue={venue}
            footer={<ReleaseHold onRelease={release} />}
          />
        </aside>
      </div>
    </main>
  );
}

function focusFirstError(): void {
  requestAnimationFrame(() => {
    const first = document.querySelector<HTMLElement>(
      '.co-details [aria-invalid="true"], .co-details fieldset[aria-describedby]',
    );
    first?.focus();
  });
}

/** The countdown re-rendering every second, without re-rendering the form around it. */
function LiveHoldTimer({
  deadline,
  onOver,
  ...props
}: Omit<Parameters<typeof HoldTimer>[0], "secondsLeft"> & { deadline: number; onOver(): void }) {
  const now = useNow(1000);
  const seconds = secondsUntil(deadline, now);
  useEffect(() => {
    if (deadline && seconds === 0) onOver();
  }, [deadline, seconds, onOver]);
  return <HoldTimer secondsLeft={seconds} {...props} />;
}

function HoldEnded({ ending, event }: { ending: Ending; event: EventDetail }) {
  const { t } = useI18n();
  const title = ending.reason === "expired" ? t("checkout.ended.expiredTitle") : t("checkout.ended.releasedTitle");
  const text =
    ending.message ?? (ending.reason === "expired" ? t("checkout.ended.expired") : t("checkout.ended.released"));
  return (
    <main id="main" className="page narrow co-ended">
      <PageTitle title={title}>{title}</PageTitle>
      <div className="card stack" data-testid="hold-ended" data-reason={ending.reason}>
        <p className={`notice ${ending.reason === "expired" ? "notice-warn" : "notice-ok"}`} role="alert">
          {text}
        </p>
        <Link className="btn" to={`/events/${event.slug}`}>
          {t("checkout.ended.back", { event: isolate(event.name) })}
        </Link>
        <Link to="/bookings">{t("checkout.booking.all")}</Link>
      </div>
    </main>
  );
}
