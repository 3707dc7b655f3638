/**
 * A declined payment on the booking's page: it failed, why (our words for the provider's
 * decline code, else the provider's own text), and the way on: try again or pay otherwise.
 */
import { Link } from "react-router";
import { Icon } from "../../components/Icon";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { chooseMethodPath, retryPath } from "./failure";
import type { PaymentFailure } from "./failure";
import { providerName } from "./PaymentStep";

export function PaymentFailed({ failure, holdId }: { failure: PaymentFailure; holdId: string | null }) {
  const { t } = useI18n();
  const reason = failure.reason ? t(`payments.decline.${failure.reason}` as MessageKey) : null;
  return (
    <section
      className="co-status co-status-bad"
      data-testid="booking-status"
      data-status="pending_payment"
      data-payment="failed"
    >
      <span className="co-status-icon" aria-hidden="true">
        <Icon name="alert" size={24} />
      </span>
      <div className="co-status-text" role="alert">
        <h2 className="co-h2">{t("payments.failed.title")}</h2>
        <p data-testid="payment-failure-reason">
          {reason ?? (
            <>
              {t("payments.failed.provider", { provider: providerName(t, failure.provider) })}{" "}
              <bdi>{failure.providerText}</bdi>
            </>
          )}
        </p>
        <p className="co-small">{t("payments.failed.nothing")}</p>
      </div>
      {holdId && (
        <div className="row co-status-actions">
          <Link className="btn btn-small" to={retryPath(holdId, failure.provider)}>
            {t("payments.failed.tryAgain")}
          </Link>
          <Link className="btn btn-small btn-secondary" to={chooseMethodPath(holdId)}>
            {t("payments.failed.otherMethod")}
          </Link>
        </div>
      )}
    </section>
  );
}
