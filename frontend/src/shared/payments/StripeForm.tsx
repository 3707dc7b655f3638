/** Stripe's Payment Element, mounted with the PaymentIntent's client secret. */
import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";
import type { Stripe, StripeElements } from "@stripe/stripe-js";
import { useI18n } from "../../i18n";

interface Props {
  clientSecret: string;
  publishableKey: string;
  /** Where Stripe sends the guest after confirming (a path on this site). */
  returnPath: string;
  amountText: string;
}

export default function StripeForm({ clientSecret, publishableKey, returnPath, amountText }: Props) {
  const { t, lang } = useI18n();
  const mount = useRef<HTMLDivElement>(null);
  const stripe = useRef<Stripe | null>(null);
  const elements = useRef<StripeElements | null>(null);
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | null = null;
    setReady(false);
    (async () => {
      try {
        const { loadStripe } = await import("@stripe/stripe-js");
        const loaded = await loadStripe(publishableKey, { locale: lang === "ar" ? "ar" : "en" });
        if (cancelled) return;
        if (!loaded || !mount.current) throw new Error("stripe");
        const made = loaded.elements({
          clientSecret,
          appearance: {
            theme: "stripe",
            variables: { colorPrimary: "#12355b", borderRadius: "8px", fontFamily: "system-ui, sans-serif" },
          },
        });
        const element = made.create("payment", { layout: "tabs" });
        element.on("ready", () => setReady(true));
        element.mount(mount.current);
        stripe.current = loaded;
        elements.current = made;
        destroy = () => element.destroy();
      } catch {
        if (!cancelled) setError(t("checkout.pay.scriptFailed"));
      }
    })();
    return () => {
      cancelled = true;
      destroy?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `t` follows `lang`, which is a dependency already.
  }, [clientSecret, publishableKey, lang]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!stripe.current || !elements.current) return;
    setBusy(true);
    setError("");
    const { error: failure } = await stripe.current.confirmPayment({
      elements: elements.current,
      confirmParams: { return_url: new URL(returnPath, window.location.origin).href },
    });
    // Only reached when the payment could not be confirmed (otherwise Stripe redirects).
    setError(t("checkout.pay.failed", { reason: failure?.message ?? t("common.error") }));
    setBusy(false);
  }

  return (
    <form className="stack co-stripe" onSubmit={submit}>
      <h3 className="co-h3">{t("checkout.pay.cardForm")}</h3>
      {!ready && !error && <p className="muted">{t("checkout.pay.stripeLoading")}</p>}
      <div ref={mount} className="co-stripe-element" />
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-block" disabled={!ready || busy}>
        {busy ? t("checkout.pay.processing") : t("checkout.pay.button", { amount: amountText })}
      </button>
    </form>
  );
}
