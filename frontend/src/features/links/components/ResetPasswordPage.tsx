/**
 * /reset-password — where the password reset e-mail leads (`?lang=…&uid=…&token=…`): a new
 * password typed twice, the server's objections under the field, then a way to sign in. A
 * used, expired or altered link says so and offers a new one; without a link the page is
 * "forgot your password?" (the staff sign-in links here).
 */
import { useId, useMemo, useRef, useState } from "react";
import type { FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { ErrorNotice, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { TextField } from "../../../components/Field";
import { confirmPasswordReset } from "../api";
import { ForgotPasswordForm } from "../../../shared/auth/ForgotPasswordForm";
import { formProblems, languageOf, resetLinkOf, resetProblem } from "../lib/reset";
import type { FormProblems, ResetLink } from "../lib/reset";
import { useMessageLanguage } from "../hooks/useMessageLanguage";
import "../links.css";

type Stage = "form" | "done" | "invalid";

export default function ResetPasswordPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const link = useMemo(() => resetLinkOf(params), [params]);
  const [stage, setStage] = useState<Stage>("form");
  useMessageLanguage(languageOf(params));

  if (!link)
    return (
      <main id="main" className="page narrow links-page">
        <PageTitle title={t("links.forgot.title")}>{t("links.forgot.title")}</PageTitle>
        <ForgotPasswordForm />
        <p>
          <Link to="/staff">{t("links.forgot.back")}</Link>
        </p>
      </main>
    );

  if (stage === "done")
    return (
      <main id="main" className="page narrow links-page">
        <PageTitle title={t("links.reset.doneTitle")}>{t("links.reset.doneTitle")}</PageTitle>
        <div className="card stack" data-testid="reset-done">
          <p className="notice notice-ok links-flush" role="status">
            {t("links.reset.done")}
          </p>
          <Link className="btn btn-block" to="/staff">
            {t("links.reset.signIn")}
          </Link>
        </div>
      </main>
    );

  if (stage === "invalid")
    return (
      <main id="main" className="page narrow links-page">
        <PageTitle title={t("links.reset.invalidTitle")}>{t("links.reset.invalidTitle")}</PageTitle>
        <p className="notice notice-warn" role="alert" data-testid="reset-invalid">
          {t("links.reset.invalid")}
        </p>
        <ForgotPasswordForm />
      </main>
    );

  return (
    <main id="main" className="page narrow links-page">
      <PageTitle title={t("links.reset.title")}>{t("links.reset.title")}</PageTitle>
      <NewPasswordForm link={link} onDone={() => setStage("done")} onInvalid={() => setStage("invalid")} />
    </main>
  );
}

function NewPasswordForm({ link, onDone, onInvalid }: { link: ResetLink; onDone(): void; onInvalid(): void }) {
  const { t } = useI18n();
  const id = useId();
  const passwordInput = useRef<HTMLInputElement>(null);
  const confirmationInput = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [problems, setProblems] = useState<FormProblems>({});
  const [objections, setObjections] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = formProblems(password, confirmation);
    setProblems(found);
    setObjections([]);
    setError(null);
    if (found.password || found.confirmation) {
      (found.password ? passwordInput : confirmationInput).current?.focus();
      return;
    }
    setBusy(true);
    try {
      await confirmPasswordReset({ ...link, new_password: password });
      onDone();
    } catch (caught) {
      setBusy(false);
      const problem = resetProblem(caught);
      if (problem.kind === "invalid-link") onInvalid();
      else if (problem.kind === "password") {
        setObjections(problem.messages);
        passwordInput.current?.focus();
      } else setError(problem.error);
    }
  }

  const passwordError = problems.password ? t("links.reset.missing") : objections.join(" ") || undefined;
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-busy={busy}>
      <p className="muted links-flush">{t("links.reset.intro")}</p>
      <TextField
        ref={passwordInput}
        id={`${id}-password`}
        label={t("links.reset.password")}
        hint={t("links.reset.passwordHint")}
        type="password"
        autoComplete="new-password"
        dir="ltr"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={passwordError}
      />
      <TextField
        ref={confirmationInput}
        id={`${id}-confirmation`}
        label={t("links.reset.confirm")}
        type="password"
        autoComplete="new-password"
        dir="ltr"
        required
        value={confirmation}
        onChange={(event) => setConfirmation(event.target.value)}
        error={problems.confirmation ? t("links.reset.mismatch") : undefined}
      />
      <ErrorNotice error={error} />
      <button type="submit" className="btn btn-block" disabled={busy}>
        {busy ? t("links.reset.busy") : t("links.reset.submit")}
      </button>
    </form>
  );
}
