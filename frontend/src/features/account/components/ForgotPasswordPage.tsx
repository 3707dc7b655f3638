/**
 * /forgot-password: an e-mail, then POST /api/auth/password/reset/. The answer is the same
 * whether or not an account uses the address (and a reset link goes only to a confirmed one),
 * so the page always says "if an account uses it, we sent a link". The link leads to
 * /reset-password.
 */
import { useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { Link } from "react-router";
import { ApiError } from "../../../api/client";
import { TextField } from "../../../components/Field";
import { ErrorNotice, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { ltr } from "../../../shared/lib/bidi";
import { requestPasswordReset } from "../api";
import { waitSeconds } from "../lib/forms";
import { useWait } from "../hooks/useWait";
import "../account.css";

export default function ForgotPasswordPage() {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const wait = useWait();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = email.trim();
    setMissing(!address);
    setError(null);
    if (!address) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await requestPasswordReset(address);
      setSentTo(address);
    } catch (caught) {
      const seconds = caught instanceof ApiError ? waitSeconds(caught) : null;
      if (seconds) wait.start(seconds);
      else setError(caught);
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const fieldError = missing ? t("links.forgot.missing") : error instanceof ApiError ? error.field("email") : undefined;
  return (
    <main id="main" className="page narrow account-page">
      <PageTitle title={t("account.forgot.title")}>{t("account.forgot.title")}</PageTitle>
      {sentTo ? (
        <div className="card stack">
          <p className="notice notice-ok account-flush" role="status" data-testid="reset-requested">
            {t("links.forgot.sent", { email: ltr(sentTo) })}
          </p>
          <button type="button" className="btn btn-secondary" onClick={() => setSentTo(null)}>
            {t("links.forgot.again")}
          </button>
        </div>
      ) : (
        <form className="card stack" onSubmit={submit} noValidate aria-busy={busy} aria-label={t("account.forgot.title")}>
          <p className="muted account-flush">{t("links.forgot.intro")}</p>
          <TextField
            ref={input}
            id={`${id}-email`}
            label={t("links.forgot.email")}
            type="email"
            inputMode="email"
            autoComplete="email"
            dir="ltr"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={fieldError}
          />
          {wait.text && (
            <p className="notice notice-error account-flush" role="alert">
              {wait.text}
            </p>
          )}
          {!fieldError && <ErrorNotice error={error} />}
          <button type="submit" className="btn btn-block" disabled={busy || wait.waiting}>
            {busy ? t("links.forgot.busy") : t("links.forgot.submit")}
          </button>
        </form>
      )}
      <p className="account-center">
        <Link to="/signin">{t("links.forgot.back")}</Link>
      </p>
    </main>
  );
}
