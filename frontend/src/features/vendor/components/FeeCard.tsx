/**
 * The booth fee: an ordinary booking without a hold, paid with the providers checkout uses
 * (src/shared/payments). The provider sends the vendor back here with `?fee=paying`, and the
 * dashboard asks often until the payment is confirmed.
 */
import { useState } from "react";
import { api } from "../../../api/client";
import type { Booking, EventDetail } from "../../../api/schema";
import { ErrorNotice, Loading } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { useLoad } from "../../../shared/hooks/useLoad";
import { PaymentStep } from "../../../shared/payments/PaymentStep";
import { useSession } from "../../../components/SiteHeader";
import { ltr } from "../../../shared/lib/bidi";
import type { Dashboard } from "../api";
import { canPayFee, feeState } from "../lib/portal";
import { FeeBadge } from "./parts";

function FeePayment({ event, bookingId }: { event: EventDetail; bookingId: string }) {
  const { t } = useI18n();
  const user = useSession();
  const { data: booking, error, reload } = useLoad(
    (signal) => api<Booking>(`/api/bookings/${bookingId}/`, { signal }),
    bookingId,
  );
  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!booking) return <Loading label={t("vendor.fee.loading")} />;
  return (
    <PaymentStep
      booking={booking}
      eventName={event.name}
      phone={user?.phone}
      returnPath={`/vendor/${encodeURIComponent(event.slug)}?fee=paying`}
    />
  );
}

export function FeeCard({
  event,
  data,
  paying,
  declined,
  onCheck,
}: {
  event: EventDetail;
  data: Dashboard;
  /** Back from the payment page: the payment is being confirmed. */
  paying: boolean;
  declined: boolean;
  onCheck: () => void;
}) {
  const { t, formatMoney } = useI18n();
  const [open, setOpen] = useState(false);
  const fee = data.fee;
  const state = feeState(fee);
  const price = data.booth ? formatMoney(data.booth.price, data.booth.currency) : "";

  return (
    <section className="card vd-card" aria-labelledby="vd-fee-title" data-testid="vendor-fee">
      <div className="vd-card-head">
        <h2 id="vd-fee-title" className="co-h2">
          {t("vendor.fee.title")}
        </h2>
        <FeeBadge state={state} />
      </div>
      {!data.booth && <p className="muted">{t("vendor.fee.noBooth")}</p>}
      {data.booth && state === "free" && <p>{t("vendor.fee.freeText")}</p>}
      {data.booth && state === "none" && <p>{Number(data.booth.price) > 0 ? t("vendor.fee.notReady") : t("vendor.fee.freeText")}</p>}
      {fee && state !== "free" && (
        <div className="co-amount">
          <span>{t("vendor.fee.amount", { booth: ltr(data.booth?.code ?? "") })}</span>
          <strong>{formatMoney(fee.amount, fee.currency) || price}</strong>
        </div>
      )}
      {state === "paid" && <p className="notice notice-ok">{t("vendor.fee.paidText")}</p>}
      {state === "refunded" && <p className="notice notice-warn">{t("vendor.fee.refundedText")}</p>}
      {state === "cancelled" && <p className="notice notice-error">{t("vendor.fee.cancelledText")}</p>}
      {canPayFee(state) && fee && (
        <>
          {paying && !declined && (
            <p className="notice notice-warn" role="status">
              <span className="spinner" aria-hidden="true" /> {t("vendor.fee.confirming")}
              <button type="button" className="btn btn-small btn-secondary" onClick={onCheck}>
                {t("vendor.fee.checkAgain")}
              </button>
            </p>
          )}
          {declined && (
            <p className="notice notice-error" role="alert">
              {t("vendor.fee.declined")}
            </p>
          )}
          {open ? (
            <FeePayment event={event} bookingId={fee.booking} />
          ) : (
            <>
              <p>{t("vendor.fee.dueText")}</p>
              <button type="button" className="btn btn-block" onClick={() => setOpen(true)}>
                {t("vendor.fee.pay", { amount: formatMoney(fee.amount, fee.currency) })}
              </button>
            </>
          )}
        </>
      )}
    </section>
  );
}
