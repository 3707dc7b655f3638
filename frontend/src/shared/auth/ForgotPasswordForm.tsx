/**
 * Ask for a password reset link by e-mail (POST /api/auth/password/reset/): the answer is the
 * same whether or not an account uses the address (and a link goes only to a confirmed one),
 * so it always says "if an account uses it, we sent a link". For /reset-password without a
 * link and for /forgot-password.
 */
import { useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { ApiError } from "../../api/client";
import { ErrorNotice } from "../../components/ui";
import { useI18n } from "../../i18n";
import { ltr } from "../lib/bidi";
import { TextField } from "../../components/Field";
import { requestPasswordReset } from "./password";

export function ForgotPasswordForm() {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

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
      setError(caught);
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  if (sentTo)
    return (
      <div className="card stack">
        <p className="notice notice-ok flush" role="status" data-testid="reset-requested">
          {t("links.forgot.sent", { email: ltr(sentTo) })}
        </p>
        <button type="button" className="btn btn-secondary" onClick={() => setSentTo(null)}>
          {t("links.forgot.again")}
        </button>
      </div>
    );

  const fieldError = missing ? t("links.forgot.missing") : error instanceof ApiError ? error.field("email") : undefined;
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-busy={busy} aria-label={t("links.forgot.title")}>
      <p className="muted flush">{t("links.forgot.intro")}</p>
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
      {!fieldError && <ErrorNotice error={error} />}
      <button type="submit" className="btn btn-block" disabled={busy}>
        {busy ? t("links.forgot.busy") : t("links.forgot.submit")}
      </button>
    </form>
  );
}
