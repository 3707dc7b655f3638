/** Razorpay's checkout, loaded from its CDN only when a guest pays with it. */
const SCRIPT = "https://checkout.razorpay.com/v1/checkout.js";

export interface RazorpayResult {
  razorpay_payment_id: string;
  razorpay_order_id: string;
  razorpay_signature: string;
}

interface RazorpayOptions {
  key: string;
  order_id: string;
  amount: number;
  currency: string;
  name: string;
  description: string;
  prefill?: { contact?: string; name?: string; email?: string };
  theme?: { color: string };
  handler(result: RazorpayResult): void;
  modal?: { ondismiss?(): void };
}

interface RazorpayInstance {
  open(): void;
  on(event: "payment.failed", handler: (answer: { error?: { description?: string } }) => void): void;
}

declare global {
  interface Window {
    Razorpay?: new (options: RazorpayOptions) => RazorpayInstance;
  }
}

let loading: Promise<void> | null = null;

export function loadRazorpay(): Promise<void> {
  if (window.Razorpay) return Promise.resolve();
  loading ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = SCRIPT;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => {
      loading = null;
      script.remove();
      reject(new Error("The Razorpay script did not load."));
    };
    document.head.append(script);
  });
  return loading;
}

/** Open the checkout; resolves with the signed result, rejects when closed or failed. */
export async function payWithRazorpay(options: Omit<RazorpayOptions, "handler" | "modal">): Promise<RazorpayResult> {
  await loadRazorpay();
  const Razorpay = window.Razorpay;
  if (!Razorpay) throw new Error("Razorpay is not available.");
  return new Promise((resolve, reject) => {
    const checkout = new Razorpay({
      ...options,
      handler: resolve,
      modal: { ondismiss: () => reject(new RazorpayDismissed()) },
    });
    checkout.on("payment.failed", (answer) =>
      reject(new Error(answer.error?.description || "The payment failed.")),
    );
    checkout.open();
  });
}

export class RazorpayDismissed extends Error {
  constructor() {
    super("dismissed");
  }
}
