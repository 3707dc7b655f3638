/** Staff sign in with e-mail and password (POST /api/auth/login/). */
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { Link } from "react-router";
import { api, ApiError } from "../../../api/client";
import { session } from "../../../shared/auth/session";
import { ErrorNotice, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";

export function SignInPanel() {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({});
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const lacking = { email: !email.trim(), password: !password };
    setMissing(lacking);
    setError(null);
    if (lacking.email || lacking.password) {
      document.getElementById(lacking.email ? `${id}-email` : `${id}-password`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const pair = await api<{ access: string }>("/api/auth/login/", {
        body: { email: email.trim(), password },
        auth: "none",
      });
      await session.signIn(pair);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  const fieldError = (name: string) => (error instanceof ApiError ? error.field(name) : undefined);
  const emailError = missing.email ? t("staff.signIn.emailMissing") : fieldError("email");
  const passwordError = missing.password ? t("staff.signIn.passwordMissing") : fieldError("password");

  return (
    <main id="main" className="page narrow">
      <PageTitle title={t("staff.signIn.title")}>{t("staff.signIn.title")}</PageTitle>
      <form className="card stack" onSubmit={submit} noValidate aria-busy={busy}>
        <p className="muted staff-flush">{t("staff.signIn.intro")}</p>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t("staff.signIn.email")}</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="username"
            inputMode="email"
            dir="ltr"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={emailError ? true : undefined}
            aria-describedby={emailError ? `${id}-email-error` : undefined}
          />
          {emailError && (
            <span className="field-error" id={`${id}-email-error`}>
              {emailError}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t("staff.signIn.password")}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            dir="ltr"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={passwordError ? true : undefined}
            aria-describedby={passwordError ? `${id}-password-error` : undefined}
          />
          {passwordError && (
            <span className="field-error" id={`${id}-password-error`}>
              {passwordError}
            </span>
          )}
        </div>
        {error !== null && !emailError && !passwordError && <ErrorNotice error={error} />}
        <button type="submit" className="btn btn-block" disabled={busy}>
          {busy ? t("staff.signIn.busy") : t("staff.signIn.submit")}
        </button>
      </form>
      <p>
        <Link to="/reset-password">{t("links.forgot.ask")}</Link>
      </p>
    </main>
  );
}
