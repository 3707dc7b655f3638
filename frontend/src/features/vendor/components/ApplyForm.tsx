/** Applying to sell at a festival (or applying again after a refusal, the old answers filled in). */
import { isApiError } from "../../../api/client";
import type { EventDetail, Me } from "../../../api/schema";
import { PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { vendorApi } from "../api";
import type { Profile } from "../api";
import { EMPTY_FORM, formFromProfile } from "../lib/application";
import { ProfileForm } from "./ProfileForm";

export function ApplyForm({
  event,
  again,
  user,
  onApplied,
  onCancel,
}: {
  event: EventDetail;
  /** The refused application, when applying again. */
  again: Profile | null;
  user: Me;
  onApplied: (profile: Profile) => void;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const initial = again
    ? formFromProfile(again)
    : { ...EMPTY_FORM, contact_email: user.email ?? "", contact_phone: user.phone ?? "" };
  const title = again ? t("vendor.apply.againTitle") : t("vendor.apply.title");
  return (
    <div className="vd-apply">
      <PageTitle title={`${title} · ${event.name}`}>
        {title}
        <span className="co-subtitle">{event.name}</span>
      </PageTitle>
      <div className="vd-apply-layout">
        <section className="card" aria-label={title}>
          <ProfileForm
            mode="apply"
            initial={initial}
            currentLogo={again?.logo ?? null}
            onCancel={onCancel}
            submit={async (fields, logo) => {
              try {
                return await vendorApi.apply(event.slug, fields, logo);
              } catch (failure) {
                // Applied already (another tab, a double tap): show that application.
                if (isApiError(failure, "already_applied")) return vendorApi.profile(event.slug);
                throw failure;
              }
            }}
            onDone={onApplied}
          />
        </section>
        <aside className="card vd-next" aria-labelledby="vd-next-title">
          <h2 id="vd-next-title" className="co-h2">
            {t("vendor.apply.nextTitle")}
          </h2>
          <ol className="vd-steps">
            <li>{t("vendor.apply.next1")}</li>
            <li>{t("vendor.apply.next2")}</li>
            <li>{t("vendor.apply.next3")}</li>
            <li>{t("vendor.apply.next4")}</li>
          </ol>
        </aside>
      </div>
    </div>
  );
}
