/**
 * A declined payment, as the guest reads it: the provider's decline code mapped to our own
 * words (translated), else the provider's own text, else a plain "declined".
 */
import type { PaymentState } from "../../api/schema";

/** Decline codes (Stripe's `decline_code`/`code`, Razorpay's `error_reason`) we explain. */
const REASONS: Record<string, DeclineReason> = {
  card_declined: "declined",
  generic_decline: "declined",
  do_not_honor: "declined",
  payment_declined: "declined",
  payment_failed: "declined",
  lost_card: "declined", // never tell a payer their card is reported lost or stolen
  stolen_card: "declined",
  pickup_card: "declined",
  fraudulent: "declined",
  insufficient_funds: "funds",
  expired_card: "expired",
  incorrect_cvc: "cvc",
  invalid_cvc: "cvc",
  incorrect_number: "number",
  invalid_number: "number",
  card_not_supported: "unsupported",
  currency_not_supported: "unsupported",
  authentication_required: "authentication",
  authentication_failed: "authentication",
  incorrect_otp: "authentication",
  processing_error: "processing",
  gateway_error: "processing",
  payment_timed_out: "timeout",
  payment_cancelled: "cancelled",
};

export type DeclineReason =
  | "declined"
  | "funds"
  | "expired"
  | "cvc"
  | "number"
  | "unsupported"
  | "authentication"
  | "processing"
  | "timeout"
  | "cancelled";

export interface PaymentFailure {
  provider: string;
  /** Our explanation, when we know the code. */
  reason: DeclineReason | null;
  /** The provider's own words (shown when the code is unknown). */
  providerText: string;
}

/** Our reason for a decline code, or null for a code we do not know. */
export function declineReason(code: string | null | undefined): DeclineReason | null {
  const key = (code ?? "").trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(REASONS, key) ? REASONS[key] : null;
}

/** The failure to show while the booking still waits for payment, or null (none, or paying). */
export function paymentFailureOf(
  state: Pick<PaymentState, "status" | "provider" | "failure_code" | "failure_message"> | null | undefined,
  bookingStatus: string,
): PaymentFailure | null {
  if (!state || bookingStatus !== "pending_payment") return null;
  if (state.status !== "failed" && state.status !== "canceled") return null;
  return {
    provider: state.provider,
    reason: declineReason(state.failure_code) ?? (state.failure_message ? null : "declined"),
    providerText: state.failure_message.trim(),
  };
}

/** Where "Try again" goes: the checkout with the same provider chosen. */
export function retryPath(holdId: string, provider: string): string {
  const path = `/checkout/${encodeURIComponent(holdId)}`;
  return provider ? `${path}?provider=${encodeURIComponent(provider)}` : path;
}

/** Where "Choose another method" goes: the checkout, to choose. */
export function chooseMethodPath(holdId: string): string {
  return `/checkout/${encodeURIComponent(holdId)}`;
}
