/**
 * /vendor/:slug — a festival's vendor portal for the signed-in user: the application form
 * (no application yet, or applying again after a refusal), the application's status while
 * staff decide, the reason of a refusal or a revocation, and for an approved vendor the
 * dashboard. Someone not signed in goes through the sign-in page and comes back here.
 */
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../../../api/client";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { useLoad } from "../../../shared/hooks/useLoad";
import { vendorApi } from "../api";
import type { Profile } from "../api";
import { useFreshness } from "../hooks/useFreshness";
import { useSignedIn } from "../hooks/useSignedIn";
import { portalView, REFRESH_MS } from "../lib/portal";
import { ApplyForm } from "./ApplyForm";
import { Dashboard } from "./Dashboard";
import { StatusPanel } from "./StatusPanel";
import "../../../shared/styles/checkout.css";
import "../vendor.css";

/** The event (public) and the caller's profile: undefined while loading, null when never applied. */
function usePortal(slug: string, signedIn: boolean) {
  const event = useLoad((signal) => vendorApi.event(slug, signal), slug);
  const [profile, setProfile] = useState<Profile | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);

  const loadProfile = useCallback(async () => {
    try {
      setProfile(await vendorApi.profile(slug));
      setError(null);
    } catch (failure) {
      if (isApiError(failure, "not_a_vendor") || isApiError(failure, undefined, 404)) {
        setProfile(null);
        setError(null);
      } else setError(failure);
    }
  }, [slug]);
  useEffect(() => {
    if (signedIn) void loadProfile();
  }, [signedIn, loadProfile]);

  return { event: event.data, eventError: event.error, loadEvent: event.reload, profile, setProfile, error, loadProfile };
}

export default function VendorPortal() {
  const { slug = "" } = useParams();
  const { t } = useI18n();
  const user = useSignedIn();
  const portal = usePortal(slug, Boolean(user));
  const { event, profile } = portal;
  const [reapplying, setReapplying] = useState(false);
  const view = profile === undefined ? null : portalView(profile, reapplying);

  // While staff decide, the page notices the decision by itself.
  useFreshness(() => void portal.loadProfile(), REFRESH_MS, view?.view === "pending");

  const title = t("vendor.title");
  if (portal.eventError) {
    const missing = isApiError(portal.eventError, undefined, 404);
    return (
      <main id="main" className="page narrow">
        <PageTitle title={title}>{title}</PageTitle>
        {missing ? (
          <p className="notice notice-warn" role="alert">
            {t("vendor.noEvent")}
          </p>
        ) : (
          <ErrorNotice error={portal.eventError} onRetry={portal.loadEvent} />
        )}
        <p>
          <Link to="/vendor">{t("vendor.chooseFestival")}</Link>
        </p>
      </main>
    );
  }
  if (user === undefined || !user || !event || (profile === undefined && !portal.error)) return <Loading />;
  if (event.kind !== "festival") {
    return (
      <main id="main" className="page narrow">
        <PageTitle title={title}>{title}</PageTitle>
        <p className="notice notice-warn" role="alert">
          {t("vendor.notFestival", { event: event.name })}
        </p>
        <p>
          <Link to="/vendor">{t("vendor.chooseFestival")}</Link>
        </p>
      </main>
    );
  }
  if (profile === undefined || !view) {
    return (
      <main id="main" className="page narrow">
        <PageTitle title={title}>{title}</PageTitle>
        <ErrorNotice error={portal.error} onRetry={() => void portal.loadProfile()} />
      </main>
    );
  }

  if (view.view === "approved" && profile) {
    return <Dashboard event={event} profile={profile} onProfile={portal.setProfile} />;
  }

  return (
    <main id="main" className="page vd-page">
      {view.view === "apply" ? (
        <ApplyForm
          event={event}
          again={view.again ? profile : null}
          user={user}
          onApplied={(made) => {
            setReapplying(false);
            portal.setProfile(made);
            window.scrollTo({ top: 0 });
          }}
          onCancel={view.again ? () => setReapplying(false) : undefined}
        />
      ) : (
        profile &&
        view.view !== "approved" && (
          <StatusPanel
            event={event}
            profile={profile}
            view={view}
            onApplyAgain={() => setReapplying(true)}
            onRefresh={() => void portal.loadProfile()}
          />
        )
      )}
    </main>
  );
}
