/**
 * /signin/oidc#access=…&refresh=…&expires_in=…&next=…: where the OpenID Connect callback sends
 * the browser with Gatehouse's own tokens. The fragment never reaches a server; the page keeps
 * the session as the phone sign-in does (the access token in memory, the refresh token in the
 * callback's HttpOnly cookie), wipes the fragment from the address bar and history, and goes
 * on to `next` (only a path on this site).
 */
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { session } from "../../../shared/auth/session";
import { parseOidcFragment } from "../lib/oidcFragment";
import type { OidcLanding } from "../lib/oidcFragment";
import "../account.css";

/** Read once per page load: the fragment is wiped straight away. */
let landing: OidcLanding | null | undefined;
let signingIn: Promise<boolean> | null = null;

function takeLanding(): OidcLanding | null {
  if (landing === undefined) {
    landing = parseOidcFragment(window.location.hash);
    if (window.location.hash)
      window.history.replaceState(window.history.state, "", `${window.location.pathname}${window.location.search}`);
  }
  return landing;
}

export default function OidcLandingPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const found = takeLanding();
    if (!found) {
      setFailed(true);
      return;
    }
    signingIn ??= session.signIn({ access: found.access, first_sign_in: found.firstSignIn }).then(Boolean, () => false);
    let live = true;
    void signingIn.then((ok) => {
      if (!live) return;
      landing = undefined;
      signingIn = null;
      if (ok) navigate(found.next, { replace: true });
      else setFailed(true);
    });
    return () => {
      live = false;
    };
  }, [navigate]);

  if (!failed)
    return (
      <main id="main" className="page narrow account-page">
        <Loading label={t("account.oidc.title")} />
      </main>
    );
  return (
    <main id="main" className="page narrow account-page">
      <PageTitle title={t("account.oidc.failed")}>{t("account.oidc.failed")}</PageTitle>
      <Link className="btn" to="/signin">
        {t("account.oidc.back")}
      </Link>
    </main>
  );
}
