/** The approved vendor's public profile and contact details, and editing them. */
import { useState } from "react";
import type { EventDetail } from "../../../api/schema";
import { useI18n } from "../../../i18n";
import { ltr } from "../../../shared/lib/bidi";
import { vendorApi } from "../api";
import type { Profile } from "../api";
import { formFromProfile } from "../lib/application";
import { CategoryName, ProfileForm } from "./ProfileForm";

export function ProfileCard({
  event,
  profile,
  onSaved,
}: {
  event: EventDetail;
  profile: Profile;
  onSaved: (profile: Profile) => void;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <section className="card vd-card" aria-labelledby="vd-profile-title" data-testid="vendor-profile">
      <div className="vd-card-head">
        <h2 id="vd-profile-title" className="co-h2">
          {t("vendor.profile.title")}
        </h2>
        {!editing && (
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            {t("vendor.profile.edit")}
          </button>
        )}
      </div>
      {saved && (
        <p className="notice notice-ok" role="status">
          {t("vendor.profile.saved")}
        </p>
      )}
      {editing ? (
        <ProfileForm
          mode="edit"
          initial={formFromProfile(profile)}
          currentLogo={profile.logo}
          submit={(fields, logo) => vendorApi.update(event.slug, fields, logo)}
          onDone={(updated) => {
            onSaved(updated);
            setEditing(false);
            setSaved(true);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="vd-profile">
          {profile.logo && <img className="vd-profile-logo" src={profile.logo} alt={t("vendor.profile.logoAlt", { name: profile.name })} />}
          <div className="stack vd-profile-text">
            <p className="vd-profile-name">
              <bdi>{profile.name}</bdi> · <CategoryName category={profile.category} />
            </p>
            {profile.description && (
              <p className="vd-profile-description" dir="auto">
                {profile.description}
              </p>
            )}
            <p className="muted co-small">
              <span dir="ltr">{profile.contact_email}</span>
              {profile.contact_phone && <> · {ltr(profile.contact_phone)}</>}
              {profile.website && (
                <>
                  {" · "}
                  <a href={profile.website} rel="noopener noreferrer" target="_blank" dir="ltr">
                    {profile.website.replace(/^https?:\/\//, "").replace(/\/$/, "")}
                  </a>
                </>
              )}
            </p>
          </div>
        </div>
      )}
    </section>
  );
}
