/**
 * The checkout page's state (/checkout/:holdId) and every way it changes, as a pure reducer:
 * the hold and its countdown, its event, the booking made from it, how it ended, the details
 * form with its errors, and what the buttons are doing. useCheckout (../hooks/useCheckout.ts)
 * makes the calls, reads storage and translates; what they bring is dispatched here.
 */
import type { Booking, EventDetail, Hold } from "../../../api/schema";
import { deadlineOf } from "./countdown";
import type { ServerClock } from "./countdown";
import type { DetailsForm } from "./details";

/** How the hold ended (`message` replaces the usual words, e.g. for a booking refused late). */
export type Ending = { reason: "expired" | "released"; message?: string };

/** What a hold's REST answer or its `hold:{id}` topic says of it (a frame may say only part). */
export interface HoldState extends Partial<ServerClock> {
  status?: Hold["status"];
  extensions_left?: number;
}

export interface CheckoutState {
  hold: Hold | null;
  /** When the hold ends, on our clock (ms since the epoch); 0 until the hold is loaded. */
  deadline: number;
  event: EventDetail | null;
  /** The booking made from the hold, waiting for its payment (step 2). */
  booking: Booking | null;
  ending: Ending | null;
  loadError: unknown;
  /** Counts "retry"s: each loads the hold again. */
  attempt: number;
  /** The server sent `hold.expiring`, and no `hold.extended` since. */
  serverWarned: boolean;
  /** Said (to screen readers) after "more time". */
  extendedNotice: string;
  /** The last "more time" or "release" that failed. */
  actionError: unknown;
  form: DetailsForm | null;
  /** Messages by form path ("holders.0", "rooms.1.guests.0.age", "email"). */
  errors: Record<string, string>;
  /** Messages about the form as a whole. */
  general: string[];
  submitting: boolean;
}

export const initialCheckoutState: CheckoutState = {
  hold: null,
  deadline: 0,
  event: null,
  booking: null,
  ending: null,
  loadError: null,
  attempt: 0,
  serverWarned: false,
  extendedNotice: "",
  actionError: null,
  form: null,
  errors: {},
  general: [],
  submitting: false,
};

export type CheckoutAction =
  /** Loading (again) begins: the last failure is forgotten. */
  | { type: "loadStarted" }
  /** The hold, its event and the form to start from (a draft or fresh); `booking`: one
   * already made from this hold that waits for its payment. */
  | { type: "loaded"; hold: Hold; receivedAt: number; event: EventDetail; form: DetailsForm; booking: Booking | null }
  | { type: "loadFailed"; error: unknown }
  | { type: "retried" }
  /** News of the hold (a REST answer received at `receivedAt`, or a topic frame). */
  | { type: "holdChanged"; hold: HoldState; receivedAt: number }
  /** `hold.expiring` (true) or `hold.extended` (false). */
  | { type: "serverWarned"; warned: boolean }
  /** The first ending stays: a later one (a frame after "release") changes nothing. */
  | { type: "ended"; reason: Ending["reason"]; message?: string }
  /** "More time" or "release" was pressed. */
  | { type: "actionStarted" }
  | { type: "actionFailed"; error: unknown }
  /** "More time" worked: the hold as it now stands, and the notice to read out. */
  | { type: "extended"; hold: Hold; receivedAt: number; notice: string }
  /** The guest typed. `errors`: what is wrong with `form` now, shown only once they have tried. */
  | { type: "detailsChanged"; form: DetailsForm; errors: Record<string, string> }
  /** The details were refused (by the page's checks or the server's). */
  | { type: "detailsRejected"; errors: Record<string, string>; general: string[] }
  | { type: "submitStarted" }
  | { type: "submitFailed"; message: string }
  | { type: "submitFinished" }
  /** A booking was made from the hold (or found made already): on to the payment. */
  | { type: "booked"; booking: Booking };

/** The hold with what `news` says of it, and the deadline when it says both times. */
function withHoldNews(state: CheckoutState, news: HoldState, receivedAt: number): CheckoutState {
  const deadline =
    news.expires_at && news.server_time
      ? deadlineOf({ expires_at: news.expires_at, server_time: news.server_time }, receivedAt)
      : state.deadline;
  const hold = state.hold
    ? {
        ...state.hold,
        ...(news.status ? { status: news.status } : {}),
        ...(news.expires_at ? { expires_at: news.expires_at } : {}),
        ...(typeof news.extensions_left === "number" ? { extensions_left: news.extensions_left } : {}),
      }
    : state.hold;
  return { ...state, deadline, hold };
}

export function checkoutReducer(state: CheckoutState, action: CheckoutAction): CheckoutState {
  switch (action.type) {
    case "loadStarted":
      return { ...state, loadError: null };
    case "loaded":
      return {
        ...state,
        hold: action.hold,
        deadline: deadlineOf(action.hold, action.receivedAt),
        event: action.event,
        form: action.form,
        booking: action.booking ?? state.booking,
      };
    case "loadFailed":
      return { ...state, loadError: action.error };
    case "retried":
      return { ...state, attempt: state.attempt + 1 };
    case "holdChanged":
      return withHoldNews(state, action.hold, action.receivedAt);
    case "serverWarned":
      return { ...state, serverWarned: action.warned };
    case "ended":
      return state.ending ? state : { ...state, ending: { reason: action.reason, message: action.message } };
    case "actionStarted":
      return { ...state, actionError: null };
    case "actionFailed":
      return { ...state, actionError: action.error };
    case "extended":
      return {
        ...withHoldNews(state, action.hold, action.receivedAt),
        serverWarned: false,
        extendedNotice: action.notice,
      };
    case "detailsChanged": {
      // Before a first try nothing is marked; after it, the marks follow what is typed.
      if (Object.keys(state.errors).length === 0 && state.general.length === 0) return { ...state, form: action.form };
      const fixed = Object.keys(action.errors).length === 0;
      return { ...state, form: action.form, errors: action.errors, general: fixed ? [] : state.general };
    }
    case "detailsRejected":
      return { ...state, errors: action.errors, general: action.general };
    case "submitStarted":
      return { ...state, errors: {}, general: [], submitting: true };
    case "submitFailed":
      return { ...state, general: [action.message] };
    case "submitFinished":
      return { ...state, submitting: false };
    case "booked":
      return { ...state, booking: action.booking };
  }
}
