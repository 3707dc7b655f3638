/**
 * The application while it is not approved: waiting for staff (what happens next), refused
 * (the reason, and applying again), or revoked (the reason). A summary of what was sent.
 */
import { Link } from "react-router";
import type { EventDetail } from "../../../api/schema";
import { Icon } from "../../../components/Icon";
import { PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { Profile } from "../api";
import type { PortalView } from "../lib/portal";
import { CategoryName } from "./ProfileForm";
import { VendorStatusBadge } from "./parts";

export function StatusPanel({
  event,
  profile,
  view,
  onApplyAgain,
  onRefresh,
}: {
  event: EventDetail;
  profile: Profile;
  view: Exclude<PortalView, { view: "apply" | "approved" }>;
  onApplyAgain: () => void;
  onRefresh: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  const zone = event.venue?.time_zone;
  const tone = view.view === "pending" ? "warn" : "bad";
  const title =
    view.view === "pending"
      ? t("vendor.pending.title")
      : view.view === "rejected"
        ? t("vendor.rejected.title")
        : t("vendor.revoked.title");
  return (
    <div className="stack vd-status-page">
      <PageTitle title={`${title} · ${event.name}`}>
        {title}
        <span className="co-subtitle">{event.name}</span>
      </PageTitle>
      <section
        className={`co-status co-status-${tone}`}
        data-testid="vendor-status"
        data-status={profile.status}
        aria-labelledby="vd-status-title"
      >
        <span className="co-status-icon" aria-hidden="true">
          {view.view === "pending" ? <Icon name="clock" size={24} /> : <Icon name="alert" size={24} />}
        </span>
        <div className="co-status-text" role="status" aria-live="polite">
          <h2 id="vd-status-title" className="co-h2">
            {view.view === "pending"
              ? t("vendor.pending.heading", { name: profile.name })
              : view.view === "rejected"
                ? t("vendor.rejected.heading")
                : t("vendor.revoked.heading")}
          </h2>
          {view.view === "pending" ? (
            <p>{t("vendor.pending.text")}</p>
          ) : (
            <>
              <p>{view.view === "rejected" ? t("vendor.rejected.text") : t("vendor.revoked.text")}</p>
              {view.reason && (
                <blockquote className="vd-reason" data-testid="vendor-reason">
                  <span className="vd-reason-label">{t("vendor.reason")}</span>
                  <bdi>{view.reason}</bdi>
                </blockquote>
              )}
            </>
          )}
        </div>
        <div className="row co-status-actions">
          {view.view === "pending" && (
            <button type="button" className="btn btn-secondary btn-small" onClick={onRefresh}>
              {t("vendor.pending.check")}
            </button>
          )}
          {view.view === "rejected" && (
            <button type="button" className="btn btn-small" onClick={onApplyAgain}>
              {t("vendor.rejected.again")}
            </button>
          )}
        </div>
      </section>
      <div className="vd-status-cards">
        {view.view === "pending" && (
          <section className="card" aria-labelledby="vd-pending-next">
            <h2 id="vd-pending-next" className="co-h2">
              {t("vendor.apply.nextTitle")}
            </h2>
            <ol className="vd-steps">
              <li className="vd-step-done">{t("vendor.apply.next1")}</li>
              <li aria-current="step">{t("vendor.apply.next2")}</li>
              <li>{t("vendor.apply.next3")}</li>
              <li>{t("vendor.apply.next4")}</li>
            </ol>
          </section>
        )}
        <section className="card" aria-labelledby="vd-sent-title">
          <h2 id="vd-sent-title" className="co-h2">
            {t("vendor.sent.title")}
          </h2>
          <dl className="co-facts vd-facts">
            <div>
              <dt>{t("vendor.form.name")}</dt>
              <dd>
                <bdi>{profile.name}</bdi>
              </dd>
            </div>
            <div>
              <dt>{t("vendor.form.category")}</dt>
              <dd>
                <CategoryName category={profile.category} />
              </dd>
            </div>
            <div>
              <dt>{t("vendor.status")}</dt>
              <dd>
                <VendorStatusBadge status={profile.status} />
              </dd>
            </div>
            <div>
              <dt>{t("vendor.sent.applied")}</dt>
              <dd>{formatDateTime(profile.applied_at, undefined, zone)}</dd>
            </div>
            {profile.decided_at && (
              <div>
                <dt>{t("vendor.sent.decided")}</dt>
                <dd>{formatDateTime(profile.decided_at, undefined, zone)}</dd>
              </div>
            )}
          </dl>
        </section>
      </div>
      <p>
        <Link to={`/events/${event.slug}`}>{t("vendor.backToEvent", { event: event.name })}</Link>
      </p>
    </div>
  );
}
