/**
 * /verify-email?token=: where the verification e-mail leads. Posts the token once (the link is
 * single-use, so a second render must not spend it again), then says the address is confirmed,
 * or that the link was used, has expired or no longer matches; signed in, a new link is a
 * button away.
 */
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { ApiError } from "../../../api/client";
import { useSession, useSessionReady } from "../../../components/SiteHeader";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { session } from "../../../shared/auth/session";
import { ltr } from "../../../shared/lib/bidi";
import { resendVerification, verifyEmail } from "../api";
import { waitSeconds } from "../lib/forms";
import { useWait } from "../hooks/useWait";
import "../account.css";

type Outcome = { kind: "verified"; email: string } | { kind: "invalid" } | { kind: "error"; error: unknown };

/** One POST per token per tab, whatever React renders twice. */
const attempts = new Map<string, Promise<Outcome>>();

function verifyOnce(token: string): Promise<Outcome> {
  let attempt = attempts.get(token);
  if (!attempt) {
    attempt = verifyEmail(token).then(
      (answer): Outcome => ({ kind: "verified", email: answer.email }),
      (error): Outcome =>
        error instanceof ApiError && error.status === 400 ? { kind: "invalid" } : { kind: "error", error },
    );
    attempts.set(token, attempt);
  }
  return attempt;
}

export default function VerifyEmailPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [outcome, setOutcome] = useState<{ token: string; outcome: Outcome } | null>(null);

  useEffect(() => {
    if (!token) return;
    let live = true;
    void verifyOnce(token).then((found) => {
      if (!live) return;
      setOutcome({ token, outcome: found });
      // A signed-in tab shows the badge at once.
      if (found.kind === "verified" && session.user) void session.loadMe();
    });
    return () => {
      live = false;
    };
  }, [token]);

  const shown: Outcome | null = !token ? { kind: "invalid" } : outcome?.token === token ? outcome.outcome : null;

  if (!shown)
    return (
      <main id="main" className="page narrow account-page">
        <PageTitle title={t("account.verify.title")}>{t("account.verify.title")}</PageTitle>
        <Loading label={t("account.verify.checking")} />
      </main>
    );

  if (shown.kind === "verified")
    return (
      <main id="main" className="page narrow account-page">
        <PageTitle title={t("account.verify.doneTitle")}>{t("account.verify.doneTitle")}</PageTitle>
        <div className="card stack" data-testid="email-verified">
          <p className="notice notice-ok account-flush" role="status">
            {t("account.verify.done", { email: ltr(shown.email) })}
          </p>
          <Link className="btn btn-block" to="/account">
            {t("account.register.toAccount")}
          </Link>
          <Link className="btn btn-secondary btn-block" to="/">
            {t("account.verify.events")}
          </Link>
        </div>
      </main>
    );

  if (shown.kind === "error")
    return (
      <main id="main" className="page narrow account-page">
        <PageTitle title={t("account.verify.title")}>{t("account.verify.title")}</PageTitle>
        <ErrorNotice
          error={shown.error}
          onRetry={() => {
            attempts.delete(token);
            setOutcome(null);
            void verifyOnce(token).then((found) => setOutcome({ token, outcome: found }));
          }}
        />
      </main>
    );

  return (
    <main id="main" className="page narrow account-page">
      <PageTitle title={t("account.verify.invalidTitle")}>{t("account.verify.invalidTitle")}</PageTitle>
      <div className="card stack" data-testid="email-link-invalid">
        <p className="notice notice-warn account-flush" role="alert">
          {t("account.verify.invalid")}
        </p>
        <NewLink />
      </div>
    </main>
  );
}

function NewLink() {
  const { t } = useI18n();
  const ready = useSessionReady();
  const user = useSession();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const wait = useWait();

  if (!ready) return null;
  if (!user)
    return (
      <Link className="btn btn-block" to="/signin?next=%2Faccount">
        {t("account.verify.signIn")}
      </Link>
    );

  async function resend() {
    setBusy(true);
    setError(null);
    try {
      await resendVerification();
      setSent(true);
    } catch (caught) {
      const seconds = caught instanceof ApiError ? waitSeconds(caught) : null;
      if (seconds) wait.start(seconds);
      else setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {sent ? (
        <p className="notice notice-ok account-flush" role="status">
          {t("account.verify.resent")}
        </p>
      ) : (
        <button type="button" className="btn btn-block" onClick={resend} disabled={busy || wait.waiting}>
          {busy ? t("account.verify.resending") : t("account.verify.resend")}
        </button>
      )}
      {wait.text && (
        <p className="notice notice-error account-flush" role="alert">
          {wait.text}
        </p>
      )}
      <ErrorNotice error={error} />
    </>
  );
}
