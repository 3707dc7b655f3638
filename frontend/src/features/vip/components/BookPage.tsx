/** /book: the invited guest chooses an arrival time (live places left) and confirms, by name. */
import { useCallback, useEffect, useId, useMemo, useState } from "react";
import type { FormEvent } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { session } from "../../../shared/auth/session";
import type { EventSummary, Me, Slot } from "../../../api/schema";
import { useSession, useSessionReady } from "../../../components/SiteHeader";
import { Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import { EMPTY_LIVE, mergeChanges, slotsOf, withLiveNumbers } from "../../../shared/lib/availability";
import { useOwnUnits } from "../../../shared/holds/ownHolds";
import { withOwnUnits } from "../../../shared/lib/ownHolds";
import type { LiveMap } from "../../../shared/lib/availability";
import { ltr } from "../../../shared/lib/bidi";
import { useTopic } from "../../../realtime/react";
import { ArrivalPicker } from "./ArrivalPicker";
import {
  awaitsPayment,
  bookArrival,
  fetchAvailability,
  fetchEvent,
  findLiveBooking,
  testPaymentUrl,
} from "../api";
import { isPriced, slotState, upcomingSlots } from "../lib/availability";
import {
  confirmationPath,
  DEFAULT_EVENT,
  eventFromSearch,
  readFlow,
  updateFlow,
  verifyPath,
} from "../lib/flow";
import { EventFacts, EventName, Ornament, ProblemNotice, VipErrorNotice, VipPage } from "./parts";
import { bookingProblem } from "../lib/problems";
import type { Problem } from "../lib/problems";
import { availabilityTopic } from "../../../realtime/topics";

const NAME_MAX = 150;
const SLOT_GONE: MessageKey[] = ["vip.book.soldOut", "vip.book.slotGone"];

export default function BookPage() {
  const ready = useSessionReady();
  const user = useSession();
  const [params] = useSearchParams();
  const slug = params.has("event") ? eventFromSearch(params) : (readFlow()?.event ?? DEFAULT_EVENT);
  if (!ready)
    return (
      <VipPage>
        <Loading />
      </VipPage>
    );
  if (!user) return <Navigate to={verifyPath(slug)} replace />;
  return <ArrivalBooking slug={slug} user={user} />;
}

/** The event, its slots with live numbers, and whether this guest has booked already. */
function useEvening(slug: string) {
  const navigate = useNavigate();
  const [event, setEvent] = useState<EventSummary | null>(null);
  const [listed, setListed] = useState<Slot[] | null>(null);
  // Per slot the newest numbers, from the REST answer or the topic, whichever came first.
  const [live, setLive] = useState<LiveMap>(EMPTY_LIVE);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    Promise.all([
      fetchEvent(slug, abort.signal),
      fetchAvailability(slug, abort.signal),
      findLiveBooking(slug, abort.signal),
    ]).then(
      ([found, availability, booking]) => {
        if (booking) {
          navigate(confirmationPath(booking.id), { replace: true });
          return;
        }
        setEvent(found);
        setListed(availability.slots);
        setLive((current) => mergeChanges(current, availability.slots));
      },
      (failure: unknown) => {
        if (!abort.signal.aborted) setError(failure);
      },
    );
    return () => abort.abort();
  }, [slug, attempt, navigate]);

  const apply = useCallback((payload: unknown) => {
    setLive((current) => mergeChanges(current, slotsOf(payload)));
  }, []);

  useTopic(availabilityTopic(slug), {
    onSnapshot: (snapshot) => apply(snapshot.snapshot),
    onEvent: (frame) => {
      if (frame.kind === "availability") apply(frame.data);
    },
  });

  // The guest's own running hold (a booking on its way) is theirs, never "full".
  const own = useOwnUnits(slug);
  const slots = useMemo(() => (listed ? withOwnUnits(withLiveNumbers(listed, live), own) : null), [listed, live, own]);
  return { event, slots, error, reload: () => setAttempt((n) => n + 1) };
}

function ArrivalBooking({ slug, user }: { slug: string; user: Me }) {
  const { t, formatMoney } = useI18n();
  const navigate = useNavigate();
  const { event, slots, error, reload } = useEvening(slug);
  const [chosen, setChosen] = useState<number | null>(null);
  const [name, setName] = useState(user.name ?? "");
  const [nameError, setNameError] = useState<MessageKey | null>(null);
  const [slotError, setSlotError] = useState(false);
  const [filled, setFilled] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [working, setWorking] = useState(false);
  const nameId = useId();
  const slotsHint = useId();

  const upcoming = slots ? upcomingSlots(slots) : [];
  const choice = upcoming.find((slot) => slot.id === chosen) ?? null;

  // Someone else took the last place of the time this guest had chosen.
  useEffect(() => {
    if (!working && choice && slotState(choice) === "full") {
      setChosen(null);
      setFilled(true);
    }
  }, [choice, working]);

  if (error)
    return (
      <VipPage>
        <VipErrorNotice error={error} onRetry={reload} />
      </VipPage>
    );
  if (!event || !slots)
    return (
      <VipPage>
        <Loading />
      </VipPage>
    );

  async function signOut() {
    await session.signOut();
    navigate(verifyPath(slug), { replace: true });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const trimmed = name.trim();
    const nameProblem: MessageKey | null = !trimmed
      ? "vip.book.nameMissing"
      : trimmed.length > NAME_MAX
        ? "vip.book.nameInvalid"
        : null;
    setNameError(nameProblem);
    setSlotError(chosen === null);
    setProblem(null);
    if (nameProblem || chosen === null) return;
    setFilled(false);
    setWorking(true);
    let leaving = false;
    try {
      const booking = await bookArrival(slug, chosen, trimmed);
      if (awaitsPayment(booking)) {
        // Off to the provider's page, which comes back to the confirmation; if it cannot be
        // reached, the confirmation page offers to pay again.
        const back = confirmationPath(booking.id);
        const url = await testPaymentUrl(booking.id, back).catch(() => null);
        if (url) {
          leaving = true;
          window.location.assign(url);
        } else navigate(back, { replace: true });
        return;
      }
      updateFlow(slug, { phone: undefined });
      navigate(confirmationPath(booking.id), { replace: true });
    } catch (failure) {
      const found = bookingProblem(failure);
      if (found.kind === "sorry") navigate("/sorry", { replace: true });
      else if (found.kind === "signin") navigate(verifyPath(slug), { replace: true });
      else {
        setProblem(found);
        const gone = found.kind === "message" && SLOT_GONE.includes(found.key);
        if (gone) {
          setChosen(null);
          reload();
        }
      }
    } finally {
      if (!leaving) setWorking(false);
    }
  }

  const priced = choice ? isPriced(choice.price) : upcoming.some((slot) => isPriced(slot.price));
  const priceText =
    choice && priced
      ? t("vip.book.price", { price: formatMoney(choice.price, event.currency) })
      : null;

  return (
    <VipPage wide>
      <div className="vip-crest">
        <Ornament size={44} />
      </div>
      <p className="vip-eyebrow">
        <EventName name={event.name} language={event.language} />
      </p>
      <PageTitle title={t("vip.book.title")}>{t("vip.book.title")}</PageTitle>
      <EventFacts event={event} />
      <form className="stack vip-form" onSubmit={submit} noValidate aria-busy={working}>
        <p className="vip-text" id={slotsHint}>
          {t("vip.book.lead")}
        </p>
        {upcoming.length === 0 ? (
          <p className="notice notice-warn">{t("vip.book.noSlots")}</p>
        ) : (
          <ArrivalPicker
            slots={upcoming}
            chosen={chosen}
            onChoose={(id) => {
              setChosen(id);
              setSlotError(false);
              setFilled(false);
            }}
            timeZone={event.venue.time_zone}
            currency={event.currency}
            describedBy={slotsHint}
            invalid={slotError}
          />
        )}
        <div role="status" aria-live="polite" className="vip-live-note">
          {filled && <p className="notice notice-warn">{t("vip.book.filled")}</p>}
          {slotError && !filled && <p className="field-error">{t("vip.book.chooseSlot")}</p>}
        </div>
        <div className="field">
          <label htmlFor={nameId}>{t("vip.book.name")}</label>
          <input
            id={nameId}
            name="name"
            autoComplete="name"
            value={name}
            maxLength={NAME_MAX + 20}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={`${nameId}-hint${nameError ? ` ${nameId}-error` : ""}`}
          />
          <span className="hint" id={`${nameId}-hint`}>
            {t("vip.book.nameHint")}
          </span>
          {nameError && (
            <span className="field-error" id={`${nameId}-error`} role="alert">
              {t(nameError)}
            </span>
          )}
        </div>
        <p className="vip-price">{priceText ?? (priced ? "" : t("vip.book.free"))}</p>
        <ProblemNotice problem={problem} />
        <button
          type="submit"
          className="btn btn-block vip-btn"
          disabled={working || upcoming.length === 0}
        >
          {working ? t("vip.book.working") : priced ? t("vip.book.pay") : t("vip.book.confirm")}
        </button>
      </form>
      {user.phone && (
        <p className="vip-fine vip-who">
          {t("vip.book.signedInAs", { phone: ltr(user.phone) })}{" "}
          <button type="button" className="vip-link-button" onClick={signOut}>
            {t("vip.book.notYou")}
          </button>
        </p>
      )}
    </VipPage>
  );
}
