/** Type or paste a code (or let a keyboard-style barcode reader type it). */
import { forwardRef, useId, useState } from "react";
import type { FormEvent } from "react";
import { useI18n } from "../../../i18n";

export const ManualEntry = forwardRef<
  HTMLInputElement,
  { onSubmit: (code: string) => void }
>(function ManualEntry({ onSubmit }, ref) {
  const { t } = useI18n();
  const id = useId();
  const [code, setCode] = useState("");
  const [error, setError] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!code.trim()) {
      setError(true);
      return;
    }
    setError(false);
    onSubmit(code);
    setCode("");
  }

  return (
    <form className="scan-manual" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-code`}>{t("scan.manual.label")}</label>
      <div className="scan-manual-row">
        <input
          ref={ref}
          id={`${id}-code`}
          className="scan-code-input"
          value={code}
          onChange={(event) => {
            setCode(event.target.value);
            if (error) setError(false);
          }}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          dir="ltr"
          maxLength={600}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          aria-invalid={error || undefined}
        />
        <button type="submit" className="btn scan-check">
          {t("scan.manual.submit")}
        </button>
      </div>
      <span className="hint scan-manual-hint" id={`${id}-hint`}>
        {t("scan.manual.hint")}
      </span>
      {error && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {t("scan.manual.empty")}
        </span>
      )}
    </form>
  );
});
