/** Paying a booking: the providers the server offers, `pay`, and Razorpay's verification. */
import { api } from "../../api/client";
import type { PayAnswer, PaymentState, PayRequest, Providers, RazorpayVerifyAnswer, RazorpayVerifyRequest } from "../../api/schema";
import { sortProviders } from "./providers";

export const payments = {
  pay: (bookingId: string, provider: string) => {
    const body: PayRequest = { provider };
    return api<PayAnswer>(`/api/bookings/${bookingId}/pay/`, { body });
  },
  /** How paying the booking went: the latest attempt, and why it failed. */
  state: (bookingId: string, signal?: AbortSignal) =>
    api<PaymentState>(`/api/bookings/${encodeURIComponent(bookingId)}/payment/`, { signal }),
  razorpayVerify: (body: RazorpayVerifyRequest) =>
    api<RazorpayVerifyAnswer>("/api/payments/razorpay/verify/", { body }),
};

/** The providers the server offers now (GET /api/payments/providers/), in display order. */
export async function offeredProviders(): Promise<string[]> {
  const answer = await api<Providers>("/api/payments/providers/", { auth: "none" });
  return sortProviders(answer.providers);
}
