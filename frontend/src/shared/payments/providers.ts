/**
 * Payment providers: which ones the server offers, and what its `pay` answer asks the
 * browser to do (redirect to the test page, mount Stripe, open Razorpay).
 */

/** Display order: cards first, the test page last. */
export const PROVIDER_ORDER = ["stripe", "razorpay", "test"];

export function sortProviders(names: readonly string[]): string[] {
  const rank = (name: string) => {
    const index = PROVIDER_ORDER.indexOf(name);
    return index === -1 ? PROVIDER_ORDER.length : index;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export type PaymentClient =
  | { kind: "redirect"; url: string }
  | { kind: "stripe"; clientSecret: string; publishableKey: string }
  | { kind: "razorpay"; orderId: string; keyId: string; amount: number; currency: string }
  | { kind: "unknown" };

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** What the browser does with `pay`'s `client`. */
export function paymentClientOf(client: Record<string, unknown> | null | undefined): PaymentClient {
  if (!client) return { kind: "unknown" };
  const clientSecret = text(client.client_secret);
  const publishableKey = text(client.publishable_key);
  if (clientSecret && publishableKey) return { kind: "stripe", clientSecret, publishableKey };
  const orderId = text(client.order_id);
  const keyId = text(client.key_id);
  if (orderId && keyId) {
    return {
      kind: "razorpay",
      orderId,
      keyId,
      amount: typeof client.amount === "number" ? client.amount : Number(client.amount) || 0,
      currency: text(client.currency),
    };
  }
  const url = text(client.url);
  if (url && isSafeRedirect(url)) return { kind: "redirect", url };
  return { kind: "unknown" };
}

/** A path on this site, or an https address (a provider's hosted page). */
function isSafeRedirect(url: string): boolean {
  if (url.startsWith("/") && !url.startsWith("//") && !url.includes("\\")) return true;
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}

/** The provider page's address with `return` set to where it should send the guest back. */
export function withReturn(url: string, returnPath: string): string {
  const absolute = /^[a-z]+:/i.test(url);
  const parsed = new URL(url, "https://gatehouse.invalid");
  parsed.searchParams.set("return", returnPath);
  return absolute ? parsed.toString() : `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
