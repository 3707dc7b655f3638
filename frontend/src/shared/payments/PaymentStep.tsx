/**
 * Paying a booking: the providers the server offers, then what the chosen one needs — a
 * redirect to the test page, Stripe's Payment Element, or Razorpay's checkout.
 */
import { lazy, Suspense, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { ApiError, isApiError } from "../../api/client";
import { Loading, useErrorText } from "../../components/ui";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { offeredProviders, payments } from "./api";
import type { Booking } from "../../api/schema";
import { PROVIDER_ORDER, paymentClientOf, withReturn } from "./providers";
import type { PaymentClient } from "./providers";
import { payWithRazorpay, RazorpayDismissed } from "./razorpay";

const StripeForm = lazy(() => import("./StripeForm"));

interface Props {
  booking: Booking;
  eventName: string;
  phone?: string | null;
  /** The hold ran out before the payment started (checkout); elsewhere the error is shown. */
  onHoldExpired?(): void;
  /** Where the provider sends the payer back (default: the booking's page). */
  returnPath?: string;
}

const KNOWN = new Set(PROVIDER_ORDER);
const NAMED = new Set([...PROVIDER_ORDER, "cash", "comp", "free", "pay_at_venue"]);

/** A provider's name for people ("Card", "Cash at the venue"). */
export function providerName(t: (key: MessageKey, vars?: Record<string, string | number>) => string, name: string) {
  return NAMED.has(name) ? t(`checkout.pay.provider.${name}` as MessageKey) : t("checkout.pay.provider.other", { name });
}

export function PaymentStep({ booking, eventName, phone, onHoldExpired, returnPath = `/bookings/${booking.id}` }: Props) {
  const { t, formatMoney } = useI18n();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [providers, setProviders] = useState<string[] | undefined>(undefined);
  const [chosen, setChosen] = useState("");
  const [busy, setBusy] = useState<"" | "starting" | "redirecting" | "razorpay">("");
  const [error, setError] = useState("");
  const [stripe, setStripe] = useState<Extract<PaymentClient, { kind: "stripe" }> | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const amountText = formatMoney(booking.amount, booking.currency);
  // "Try again" after a decline comes back with the provider that was used (?provider=).
  const [params] = useSearchParams();
  const again = params.get("provider") ?? "";

  useEffect(() => {
    let cancelled = false;
    offeredProviders()
      .then((offered) => {
        if (cancelled) return;
        // Paying at the venue is its own choice (RepairCheckout's PayChoice), not a provider here.
        const names = offered.filter((name) => name !== "pay_at_venue");
        setProviders(names);
        if (names.length) setChosen(names.includes(again) ? again : names[0]);
      })
      .catch((failure) => !cancelled && setLoadError(failure));
    return () => {
      cancelled = true;
    };
  }, [booking.id, again]);

  function failed(failure: unknown) {
    if (onHoldExpired && (isApiError(failure, "hold_expired") || isApiError(failure, undefined, 410)))
      return onHoldExpired();
    if (isApiError(failure, "invalid_transition")) return navigate(returnPath, { replace: true });
    setError(errorText(failure));
    setBusy("");
  }

  async function pay(event: FormEvent) {
    event.preventDefault();
    setError("");
    setBusy("starting");
    try {
      const answer = await payments.pay(booking.id, chosen);
      const client = paymentClientOf(answer.client);
      switch (client.kind) {
        case "redirect":
          setBusy("redirecting");
          window.location.assign(withReturn(client.url, returnPath));
          return;
        case "stripe":
          setStripe(client);
          setBusy("");
          return;
        case "razorpay":
          setBusy("razorpay");
          await razorpay(client);
          return;
        default:
          setError(t("common.error"));
          setBusy("");
      }
    } catch (failure) {
      failed(failure);
    }
  }

  async function razorpay(client: Extract<PaymentClient, { kind: "razorpay" }>) {
    try {
      const result = await payWithRazorpay({
        key: client.keyId,
        order_id: client.orderId,
        amount: client.amount,
        currency: client.currency,
        name: eventName,
        description: t("checkout.pay.booking", { reference: booking.reference }),
        prefill: { contact: phone ?? undefined, name: booking.contact.name, email: booking.contact.email || undefined },
        theme: { color: "#12355b" },
      });
      await payments.razorpayVerify({ ...result });
      navigate(returnPath);
    } catch (failure) {
      if (failure instanceof RazorpayDismissed) {
        setError(t("checkout.pay.razorpayDismissed"));
        setBusy("");
      } else if (failure instanceof ApiError) {
        failed(failure);
      } else if (failure instanceof Error && failure.message.includes("script")) {
        setError(t("checkout.pay.scriptFailed"));
        setBusy("");
      } else {
        setError(t("checkout.pay.failed", { reason: failure instanceof Error ? failure.message : "" }));
        setBusy("");
      }
    }
  }

  if (loadError) return <p className="notice notice-error" role="alert">{errorText(loadError)}</p>;
  if (providers === undefined) return <Loading label={t("checkout.pay.loadingProviders")} />;
  if (providers.length === 0)
    return (
      <p className="notice notice-warn" role="alert">
        {t("checkout.pay.none")}
      </p>
    );

  if (stripe)
    return (
      <Suspense fallback={<Loading label={t("checkout.pay.stripeLoading")} />}>
        <StripeForm
          clientSecret={stripe.clientSecret}
          publishableKey={stripe.publishableKey}
          returnPath={returnPath}
          amountText={amountText}
        />
      </Suspense>
    );

  const busyText =
    busy === "redirecting"
      ? t("checkout.pay.redirecting")
      : busy === "razorpay"
        ? t("checkout.pay.razorpayOpen")
        : busy === "starting"
          ? t("checkout.pay.starting")
          : "";

  return (
    <form className="stack" onSubmit={pay}>
      <div className="co-amount">
        <span>{t("checkout.pay.amount")}</span>
        <strong>{amountText}</strong>
      </div>
      {providers.length > 1 ? (
        <fieldset className="co-fieldset co-providers">
          <legend className="co-legend">{t("checkout.pay.choose")}</legend>
          {providers.map((name) => (
            <label key={name} className={`co-provider ${chosen === name ? "co-provider-on" : ""}`}>
              <input
                type="radio"
                name="provider"
                value={name}
                checked={chosen === name}
                onChange={() => setChosen(name)}
              />
              <span className="co-provider-text">
                <span className="co-provider-name">{providerName(t, name)}</span>
                {KNOWN.has(name) && (
                  <span className="muted co-provider-hint">{t(`checkout.pay.provider.${name}Hint` as MessageKey)}</span>
                )}
              </span>
            </label>
          ))}
        </fieldset>
      ) : (
        providers.length === 1 && (
          <p className="co-provider-single">
            <span className="co-provider-name">{providerName(t, providers[0])}</span>
            {KNOWN.has(providers[0]) && (
              <span className="muted co-provider-hint">
                {" — "}
                {t(`checkout.pay.provider.${providers[0]}Hint` as MessageKey)}
              </span>
            )}
          </p>
        )
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-block co-pay-button" disabled={busy !== ""}>
        {busy ? busyText : t("checkout.pay.button", { amount: amountText })}
      </button>
      <p className="muted co-small" role="status">
        {busy ? busyText : t("checkout.pay.once")}
      </p>
    </form>
  );
}
