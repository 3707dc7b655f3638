/**
 * /checkout/:holdId — the guest's hold with its countdown (server clock, live on `hold:{id}`),
 * the guest details its kind of event needs, then payment. A reload picks up where it was:
 * the countdown from the server, the booking made from this hold, the details typed so far.
 */
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../../../api/client";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { isolate, joinIsolated, ltr } from "../../../shared/lib/bidi";
import { secondsUntil } from "../../../shared/lib/clock";
import "../../../shared/styles/checkout.css";
import type { EventDetail } from "../../../api/schema";
import { DetailsFields } from "./DetailsForm";
import { HoldTimer, ReleaseHold } from "./HoldTimer";
import { Icon } from "../../../components/Icon";
import { ItemsSummary } from "./ItemsSummary";
import { CollapsibleSummary } from "./CollapsibleSummary";
import { PaymentStep } from "../../../shared/payments/PaymentStep";
import { PayChoice, RepairOrderSummary } from "./RepairCheckout";
import { loadOrder, serviceTermsOf } from "../../../shared/lib/repair";
import { eventProviders } from "../api";
import { useNow } from "../hooks/common";
import { useCheckout } from "../hooks/useCheckout";
import type { Ending } from "../lib/checkoutState";

export default function CheckoutPage() {
  const { holdId = "" } = useParams();
  const { t, formatNumber, formatMoney } = useI18n();
  const { user, state, paymentHeading, retry, end, extend, release, changeDetails, submitDetails } = useCheckout(holdId);
  const { hold, deadline, event, booking, ending, loadError, serverWarned, form, errors, general, submitting } = state;
  const venueProviders = useEventProviders(event?.kind === "service" ? event.slug : null);

  if (user === undefined || (!hold && !loadError)) return <Loading label={t("checkout.loadingHold")} />;
  if (loadError || !hold || !event || !form) {
    const missing = isApiError(loadError, undefined, 404);
    return (
      <main id="main" className="page narrow">
        <PageTitle title={t("checkout.title")}>{t("checkout.title")}</PageTitle>
        {missing ? (
          <p className="notice notice-warn" role="alert">
            {t("checkout.notFound")}
          </p>
        ) : (
          <ErrorNotice error={loadError} onRetry={retry} />
        )}
        <p>
          <Link to="/bookings">{t("checkout.booking.all")}</Link>
        </p>
      </main>
    );
  }

  if (ending) return <HoldEnded ending={ending} event={event} />;

  const venue = joinIsolated([event.venue.name, event.venue.city]);
  const payAtVenue = serviceTermsOf(event).payAtVenue || venueProviders.includes("pay_at_venue");
  const order = event.kind === "service" ? loadOrder(sessionStorage, holdId) : null;
  const step = booking ? 2 : 1;
  return (
    <main id="main" className="page co-checkout">
      <PageTitle title={t("checkout.title")}>
        {t("checkout.title")}
        <span className="co-subtitle">
          <bdi>{event.name}</bdi>
        </span>
      </PageTitle>
      <LiveHoldTimer
        deadline={deadline}
        serverWarned={serverWarned}
        extensionsLeft={hold.extensions_left}
        holdMinutes={event.hold_minutes}
        onExtend={extend}
        onOver={() => end("expired")}
        extendedNotice={state.extendedNotice}
      />
      <ErrorNotice error={state.actionError} />
      <div className="co-layout">
        <div className="co-main">
          <ol className="co-steps" aria-label={t("checkout.step", { n: step, total: 2 })}>
            <li aria-current={step === 1 ? "step" : undefined} className={step > 1 ? "co-step-done" : ""}>
              <span className="co-step-dot" aria-hidden="true">
                {step > 1 ? <Icon name="check" size={14} /> : formatNumber(1)}
              </span>
              {t("checkout.step.details")}
            </li>
            <li aria-current={step === 2 ? "step" : undefined}>
              <span className="co-step-dot" aria-hidden="true">
                {formatNumber(2)}
              </span>
              {t("checkout.step.payment")}
            </li>
          </ol>
          {booking ? (
            <section className="card co-step-card" aria-labelledby="co-pay-title">
              <h2 id="co-pay-title" className="co-h2" tabIndex={-1} ref={paymentHeading}>
                {t("checkout.pay.title")}
                <span className="co-h2-note">{t("checkout.pay.booking", { reference: ltr(booking.reference) })}</span>
              </h2>
              {event.kind === "service" && payAtVenue ? (
                <PayChoice
                  booking={booking}
                  holdId={holdId}
                  payNow={
                    <PaymentStep
                      booking={booking}
                      eventName={event.name}
                      phone={user?.phone}
                      onHoldExpired={() => end("expired", t("checkout.holdExpired"))}
                    />
                  }
                />
              ) : (
                <PaymentStep
                  booking={booking}
                  eventName={event.name}
                  phone={user?.phone}
                  onHoldExpired={() => end("expired", t("checkout.holdExpired"))}
                />
              )}
            </section>
          ) : (
            <section className="card co-step-card" aria-labelledby="co-details-title">
              <h2 id="co-details-title" className="co-h2">
                {t("checkout.step.details")}
              </h2>
              {event.kind === "service" && !order && (
                <p className="notice notice-warn" role="alert">
                  {t("repair.checkout.noOrder")}{" "}
                  <Link to={`/events/${event.slug}`}>{t("repair.checkout.startAgain")}</Link>
                </p>
              )}
              <form className="stack co-details" onSubmit={submitDetails} noValidate>
                <DetailsFields form={form} onChange={changeDetails} errors={errors} />
                {general.length > 0 && (
                  <div className="notice notice-error" role="alert">
                    {general.map((message) => (
                      <span key={message}>{message}</span>
                    ))}
                  </div>
                )}
                <button type="submit" className="btn btn-block" disabled={submitting}>
                  {submitting ? t("checkout.details.submitting") : t("checkout.details.submit")}
                </button>
              </form>
            </section>
          )}
        </div>
        <aside className="co-aside">
          <CollapsibleSummary
            total={
              booking
                ? formatMoney(booking.amount, booking.currency)
                : order
                  ? null // the repair order's own summary prices it (services, home visit)
                  : formatMoney(hold.total, hold.currency)
            }
          >
          {order ? (
            <RepairOrderSummary
              order={order}
              items={hold.items}
              timeZone={event.venue.time_zone}
              booking={booking}
              tax={event}
              footer={<ReleaseHold onRelease={release} />}
            />
          ) : (
            <ItemsSummary
              items={hold.items}
              currency={hold.currency}
              total={hold.total}
              tax={event}
              kind={event.kind}
              timeZone={event.venue.time_zone}
              eventName={event.name}
              venue={venue}
              footer={<ReleaseHold onRelease={release} />}
            />
          )}
          </CollapsibleSummary>
        </aside>
      </div>
    </main>
  );
}

/** The countdown re-rendering every second, without re-rendering the form around it. */
function LiveHoldTimer({
  deadline,
  onOver,
  ...props
}: Omit<Parameters<typeof HoldTimer>[0], "secondsLeft"> & { deadline: number; onOver(): void }) {
  const now = useNow(1000);
  const seconds = secondsUntil(deadline, now);
  useEffect(() => {
    if (deadline && seconds === 0) onOver();
  }, [deadline, seconds, onOver]);
  return <HoldTimer secondsLeft={seconds} {...props} />;
}

function HoldEnded({ ending, event }: { ending: Ending; event: EventDetail }) {
  const { t } = useI18n();
  const title = ending.reason === "expired" ? t("checkout.ended.expiredTitle") : t("checkout.ended.releasedTitle");
  const text =
    ending.message ?? (ending.reason === "expired" ? t("checkout.ended.expired") : t("checkout.ended.released"));
  return (
    <main id="main" className="page narrow co-ended">
      <PageTitle title={title}>{title}</PageTitle>
      <div className="card stack" data-testid="hold-ended" data-reason={ending.reason}>
        <p className={`notice ${ending.reason === "expired" ? "notice-warn" : "notice-ok"}`} role="alert">
          {text}
        </p>
        <Link className="btn" to={`/events/${event.slug}`}>
          {t("checkout.ended.back", { event: isolate(event.name) })}
        </Link>
        <Link to="/bookings">{t("checkout.booking.all")}</Link>
      </div>
    </main>
  );
}

/** The providers a service event takes (it may take payment at the venue). */
function useEventProviders(slug: string | null): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    if (!slug) return;
    let cancelled = false;
    eventProviders(slug)
      .then((found) => !cancelled && setNames(found))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [slug]);
  return names;
}
