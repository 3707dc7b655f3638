/** Message keys for values that come from the API (statuses), so every one is translated. */
import type { MessageKey } from "../../../i18n";
import type { BookingStatus, ScanStatus } from "../../../api/schema";
import type { StaffAction } from "./workflow";

export const STATUS_LABELS: Record<BookingStatus, MessageKey> = {
  pending_payment: "staff.status.pending_payment",
  confirmed: "staff.status.confirmed",
  in_progress: "staff.status.in_progress",
  completed: "staff.status.completed",
  cancelled: "staff.status.cancelled",
  expired: "staff.status.expired",
  refunded: "staff.status.refunded",
  no_show: "staff.status.no_show",
};

// Every status the schema names: a new one fails the type check until it has its words.
const SCAN_LABELS: Record<ScanStatus, MessageKey> = {
  admitted: "staff.scan.admitted",
  exited: "staff.scan.exited",
  already_used: "staff.scan.already_used",
  invalid: "staff.scan.invalid",
  void: "staff.scan.void",
  unpaid: "staff.scan.unpaid",
  wrong_gate: "staff.scan.wrong_gate",
  wrong_event: "staff.scan.wrong_event",
  outside_setup: "staff.scan.outside_setup",
  crew_full: "staff.scan.crew_full",
};

export function scanLabel(status: string): MessageKey {
  return SCAN_LABELS[status as ScanStatus] ?? "staff.scan.other";
}

export function statusLabel(status: string): MessageKey {
  return STATUS_LABELS[status as BookingStatus] ?? "staff.status.other";
}

export function actionLabel(action: StaffAction): MessageKey {
  switch (action.kind) {
    case "status":
      return action.to === "in_progress" ? "staff.action.start" : "staff.action.complete";
    case "mark_paid":
      return "staff.action.markPaid";
    case "comp":
      return "staff.action.comp";
    case "cancel":
      return "staff.action.cancel";
    case "refund":
      return "staff.action.refund";
  }
}

/** Known keys of a booking's `details`, per scenario (docs/payments.md). */
const DETAIL_LABELS: Record<string, MessageKey> = {
  holders: "staff.detail.holders",
  customer_name: "staff.detail.customer_name",
  phone: "staff.detail.phone",
  email: "staff.detail.email",
  location: "staff.detail.location",
  address: "staff.detail.address",
  vehicle: "staff.detail.vehicle",
  notes: "staff.detail.notes",
  guest_count: "staff.detail.guest_count",
  special_requests: "staff.detail.special_requests",
  name: "staff.detail.name",
  guests: "staff.detail.guests",
};

export function detailLabel(key: string): MessageKey | null {
  return DETAIL_LABELS[key] ?? null;
}

/** Values of `details` that are codes rather than words. */
const DETAIL_VALUES: Record<string, Record<string, MessageKey>> = {
  location: { shop: "staff.detail.location.shop", home: "staff.detail.location.home" },
};

export function detailValueLabel(key: string, value: unknown): MessageKey | null {
  return typeof value === "string" ? (DETAIL_VALUES[key]?.[value] ?? null) : null;
}

const PROVIDER_LABELS: Record<string, MessageKey> = {
  cash: "staff.provider.cash",
  comp: "staff.provider.comp",
  stripe: "staff.provider.stripe",
  razorpay: "staff.provider.razorpay",
  test: "staff.provider.test",
};

/** How a booking was paid, in words (an unknown provider keeps its own name). */
export function providerLabel(provider: string): MessageKey | null {
  return PROVIDER_LABELS[provider] ?? null;
}
