/**
 * Everything /checkout/:holdId does, for CheckoutPage to draw: loads the hold, its event and
 * any booking already made from it; follows the hold live on `hold:{id}`; keeps the details
 * typed so far (a reload picks up where it was); extends, releases, books. The state and its
 * transitions are the pure reducer of ../lib/checkoutState.ts; the calls, storage, language
 * and navigation happen here.
 */
import { useCallback, useEffect, useReducer, useRef } from "react";
import type { FormEvent } from "react";
import { useNavigate } from "react-router";
import { isApiError } from "../../../api/client";
import type { Booking, Hold } from "../../../api/schema";
import { useErrorText } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { TopicEvent, TopicSnapshot } from "../../../realtime/client";
import { useTopic } from "../../../realtime/react";
import { holdTopic } from "../../../realtime/topics";
import { bookingOfHold, bookings, events, holds } from "../api";
import { hasTickets } from "../lib/bookingStatus";
import { checkoutReducer, initialCheckoutState } from "../lib/checkoutState";
import type { Ending, HoldState } from "../lib/checkoutState";
import { extensionOf } from "../lib/countdown";
import { bookingBody, initialDetails, placeServerErrors, validateDetails } from "../lib/details";
import type { DetailsForm, Problem, Problems } from "../lib/details";
import { flattenFieldErrors } from "../lib/fieldErrors";
import { useSignedInUser } from "./common";
import { loadOrder, serviceTermsOf } from "../../../shared/lib/repair";
import { formatClock, localDigits } from "../../../shared/lib/clock";
import { forgetHold as forgetOwnHold } from "../../../shared/holds/ownHolds";
import { loadParty } from "../../../shared/lib/party";

const HOLD_KEY = "gh.hold";

/** The browse pages remember the hold in progress; forget it once it has ended. */
function forgetHold(id: string): void {
  forgetOwnHold(id); // no longer the guest's: its units read as whatever the server says
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

/** Focus the first field the guest must fix (after the page shows the marks). */
function focusFirstError(): void {
  requestAnimationFrame(() => {
    const first = document.querySelector<HTMLElement>(
      '.co-details [aria-invalid="true"], .co-details fieldset[aria-describedby]',
    );
    first?.focus();
  });
}

export function useCheckout(holdId: string) {
  const user = useSignedInUser();
  const { t, lang, formatNumber } = useI18n();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [state, dispatch] = useReducer(checkoutReducer, initialCheckoutState);
  const { hold, booking, ending, attempt, form } = state;
  const bookingRef = useRef<Booking | null>(null);
  bookingRef.current = booking;
  /** The payment step's heading, focused once the booking is made. */
  const paymentHeading = useRef<HTMLHeadingElement>(null);

  const applyClock = useCallback((news: HoldState, receivedAt: number) => {
    dispatch({ type: "holdChanged", hold: news, receivedAt });
  }, []);

  const goToBooking = useCallback(async () => {
    forgetHold(holdId);
    const known = bookingRef.current ?? (await bookingOfHold(holdId).catch(() => null));
    navigate(known ? `/bookings/${known.id}` : "/bookings", { replace: true });
  }, [holdId, navigate]);

  const end = useCallback(
    (reason: Ending["reason"], message?: string) => {
      forgetHold(holdId);
      dispatch({ type: "ended", reason, message });
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
    dispatch({ type: "loadStarted" });
    (async () => {
      try {
        const { value, receivedAt } = await holds.get(holdId);
        const [detail, existing] = await Promise.all([events.get(value.event), bookingOfHold(holdId)]);
        if (cancelled) return;
        const order = detail.kind === "service" ? loadOrder(sessionStorage, holdId) : null;
        const start =
          loadDraft(value, detail.kind) ??
          initialDetails(
            detail.kind,
            value.items,
            detail.resources,
            user,
            order,
            serviceTermsOf(detail).serviceArea,
            loadParty(sessionStorage, holdId),
          );
        const waiting = existing?.status === "pending_payment" ? existing : null;
        dispatch({ type: "loaded", hold: value, receivedAt, event: detail, form: start, booking: waiting });
        if (existing && hasTickets(existing.status)) {
          navigate(`/bookings/${existing.id}`, { replace: true });
          return;
        }
        follow(value.status);
      } catch (error) {
        if (!cancelled) dispatch({ type: "loadFailed", error });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [user, holdId, attempt, navigate, follow]);

  useTopic(hold && !ending ? holdTopic(holdId) : null, {
    onSnapshot: ({ snapshot }: TopicSnapshot) => {
      const news = snapshot as HoldState;
      applyClock(news, Date.now());
      follow(news.status);
    },
    onEvent: ({ kind, data }: TopicEvent) => {
      const news = data as HoldState;
      applyClock(news, Date.now());
      if (kind === "hold.expiring") dispatch({ type: "serverWarned", warned: true });
      if (kind === "hold.extended") dispatch({ type: "serverWarned", warned: false });
      if (kind === "hold.expired") end("expired");
      if (kind === "hold.released") end("released");
      if (kind === "hold.converted") void goToBooking();
    },
  });

  // Keep the draft of the details.
  useEffect(() => {
    if (hold && form && !booking) sessionStorage.setItem(draftKey(hold), JSON.stringify(form));
  }, [hold, form, booking]);

  async function extend() {
    dispatch({ type: "actionStarted" });
    try {
      const before = state.deadline;
      const { value, receivedAt } = await holds.extend(holdId);
      // Say what the server did (time added, time now left), not what the button promised.
      const { addedSeconds, secondsLeft } = extensionOf(before, value, receivedAt);
      const notice = t("checkout.extended", {
        minutes: formatNumber(Math.round(addedSeconds / 60)),
        left: formatClock(secondsLeft, localDigits(lang)),
      });
      dispatch({ type: "extended", hold: value, receivedAt, notice });
    } catch (error) {
      if (isApiError(error, undefined, 410)) end("expired");
      else dispatch({ type: "actionFailed", error });
    }
  }

  async function release() {
    dispatch({ type: "actionStarted" });
    try {
      if (booking?.status === "pending_payment") await bookings.cancel(booking.id);
      else await holds.release(holdId);
      if (hold) sessionStorage.removeItem(draftKey(hold));
      end("released");
    } catch (error) {
      if (isApiError(error, undefined, 410)) end("expired");
      else dispatch({ type: "actionFailed", error });
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

  function said(problems: Problems): Record<string, string> {
    return Object.fromEntries(Object.entries(problems).map(([path, problem]) => [path, say(problem)]));
  }

  /** After a first try, the marks follow what is typed: fixed fields lose theirs. */
  function changeDetails(next: DetailsForm) {
    dispatch({ type: "detailsChanged", form: next, errors: said(validateDetails(next)) });
  }

  async function submitDetails(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    const problems = validateDetails(form);
    if (Object.keys(problems).length) {
      dispatch({ type: "detailsRejected", errors: said(problems), general: [t("checkout.details.fix")] });
      focusFirstError();
      return;
    }
    dispatch({ type: "submitStarted" });
    try {
      const made = await bookings.create({ hold: holdId, ...bookingBody(form) });
      if (hold) sessionStorage.removeItem(draftKey(hold));
      if (hasTickets(made.status)) {
        forgetHold(holdId);
        navigate(`/bookings/${made.id}`, { replace: true });
        return;
      }
      dispatch({ type: "booked", booking: made });
      requestAnimationFrame(() => paymentHeading.current?.focus());
    } catch (error) {
      if (isApiError(error, undefined, 410)) end("expired", t("checkout.holdExpired"));
      else if (isApiError(error, "booking_exists") && typeof error.body.booking === "string") {
        const existing = await bookings.get(error.body.booking).catch(() => null);
        if (existing && hasTickets(existing.status)) navigate(`/bookings/${existing.id}`, { replace: true });
        else if (existing) dispatch({ type: "booked", booking: existing });
        else dispatch({ type: "submitFailed", message: errorText(error) });
      } else if (isApiError(error, "validation_error")) {
        const placed = placeServerErrors(form, flattenFieldErrors(error.body.fields));
        dispatch({
          type: "detailsRejected",
          errors: placed.fields,
          general: placed.general.length ? placed.general : [t("checkout.details.fix")],
        });
        focusFirstError();
      } else dispatch({ type: "submitFailed", message: errorText(error) });
    } finally {
      dispatch({ type: "submitFinished" });
    }
  }

  return {
    user,
    state,
    paymentHeading,
    retry: () => dispatch({ type: "retried" }),
    end,
    extend,
    release,
    changeDetails,
    submitDetails,
  };
}
