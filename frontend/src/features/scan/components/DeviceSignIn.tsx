/** Sign a station in with the device token staff gave it. */
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { ApiError } from "../../../api/client";
import { PageTitle, useErrorText } from "../../../components/ui";
import { useI18n } from "../../../i18n";

export function DeviceSignIn({
  revoked,
  onSignIn,
}: {
  revoked: boolean;
  onSignIn: (token: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const id = useId();
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = token.trim();
    if (!value) {
      setError(t("scan.signIn.required"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSignIn(value);
    } catch (failure) {
      const refused = failure instanceof ApiError && (failure.status === 401 || failure.status === 403);
      setError(refused ? t("scan.signIn.bad") : errorText(failure));
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle title={t("scan.signIn.title")}>{t("scan.signIn.title")}</PageTitle>
      {revoked && (
        <p className="notice notice-warn" role="status">
          {t("scan.signIn.revoked")}
        </p>
      )}
      <form className="card stack scan-signin" onSubmit={submit} noValidate>
        <p className="muted">{t("scan.signIn.intro")}</p>
        <div className="field">
          <label htmlFor={`${id}-token`}>{t("scan.signIn.token")}</label>
          <input
            id={`${id}-token`}
            className="scan-code-input"
            value={token}
            onChange={(event) => setToken(event.target.value)}
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            dir="ltr"
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
            aria-invalid={error ? true : undefined}
          />
          <span className="hint" id={`${id}-hint`}>
            {t("scan.signIn.hint")}
          </span>
          {error && (
            <span className="field-error" id={`${id}-error`} role="alert">
              {error}
            </span>
          )}
        </div>
        <button type="submit" className="btn btn-block scan-big" disabled={busy}>
          {busy ? t("scan.signIn.checking") : t("scan.signIn.submit")}
        </button>
      </form>
    </>
  );
}
