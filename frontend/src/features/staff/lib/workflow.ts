/**
 * The booking workflow as the backend enforces it (backend/bookings/services/transitions.py):
 * which buttons a staff member gets for a booking. The server stays the judge (409
 * `invalid_transition`); this only avoids offering what it would refuse.
 */
import type { BookingStatus } from "../../../api/schema";

/** The one transition table, copied from the backend. */
export const TRANSITIONS: Readonly<Record<BookingStatus, readonly BookingStatus[]>> = {
  pending_payment: ["confirmed", "cancelled", "expired", "refunded"],
  expired: ["confirmed", "refunded"],
  cancelled: ["confirmed", "refunded"],
  confirmed: ["in_progress", "completed", "cancelled", "refunded", "no_show"],
  in_progress: ["completed", "cancelled", "refunded"],
  completed: ["refunded"],
  refunded: [],
  no_show: ["refunded"],
};

/** What staff may set by hand with PATCH …/status/. */
export const STAFF_TARGETS: readonly BookingStatus[] = ["in_progress", "completed", "cancelled"];

/** Statuses in which the booking's places are sold (and money may have been taken). */
export const SOLD: readonly BookingStatus[] = ["confirmed", "in_progress", "completed", "no_show"];

/**
 * Which hand-set steps make sense for an event's kind. The backend allows them for every
 * booking; a festival ticket is "done" by scanning it, not by a button, so it gets none.
 */
export const WORKFLOW_STEPS: Readonly<Record<string, readonly ("in_progress" | "completed")[]>> = {
  service: ["in_progress", "completed"],
  rooms: ["completed"],
  stays: ["completed"],
};

export type StaffAction =
  /** PATCH /status/ {status} */
  | { kind: "status"; to: "in_progress" | "completed" }
  /** POST /mark-paid/: cash taken at the desk. */
  | { kind: "mark_paid" }
  /** POST /comp/: confirmed free of charge. */
  | { kind: "comp" }
  /** POST /cancel/ {refund}: `refundable` offers the refund choice. */
  | { kind: "cancel"; refundable: boolean }
  /** POST /cancel/ {refund: true} for a booking that can only be refunded now. */
  | { kind: "refund" };

export function canTransition(from: BookingStatus, to: BookingStatus): boolean {
  return TRANSITIONS[from]?.includes(to) ?? false;
}

function paid(amount: string): boolean {
  return Number(amount) > 0;
}

/** The actions to offer for a booking of an event of `kind`, the usual next step first. */
export function staffActions(booking: { status: BookingStatus; amount: string }, kind = "service"): StaffAction[] {
  const { status, amount } = booking;
  const steps = WORKFLOW_STEPS[kind] ?? [];
  const actions: StaffAction[] = [];
  if (status === "pending_payment") {
    actions.push({ kind: "mark_paid" }, { kind: "comp" });
  }
  for (const to of steps) {
    if (status !== "pending_payment" && canTransition(status, to)) actions.push({ kind: "status", to });
  }
  if (canTransition(status, "cancelled")) {
    actions.push({ kind: "cancel", refundable: SOLD.includes(status) && paid(amount) });
  } else if (SOLD.includes(status) && canTransition(status, "refunded") && paid(amount)) {
    actions.push({ kind: "refund" });
  }
  return actions;
}

/** A stable key for an action (React keys, test ids). */
export function actionKey(action: StaffAction): string {
  return action.kind === "status" ? `status-${action.to}` : action.kind;
}

/** What the API call for an action is: its path under the booking and its body. */
export function actionRequest(
  bookingId: string,
  action: StaffAction,
  refund = false,
): { path: string; method: "POST" | "PATCH"; body?: Record<string, unknown> } {
  const base = `/api/staff/bookings/${bookingId}`;
  switch (action.kind) {
    case "status":
      return { path: `${base}/status/`, method: "PATCH", body: { status: action.to } };
    case "mark_paid":
      return { path: `${base}/mark-paid/`, method: "POST" };
    case "comp":
      return { path: `${base}/comp/`, method: "POST" };
    case "cancel":
      return { path: `${base}/cancel/`, method: "POST", body: { refund: action.refundable && refund } };
    case "refund":
      return { path: `${base}/cancel/`, method: "POST", body: { refund: true } };
  }
}

/** Money and cancellations ask first; moving the work along does not. */
export function needsConfirmation(action: StaffAction): boolean {
  return action.kind !== "status";
}
