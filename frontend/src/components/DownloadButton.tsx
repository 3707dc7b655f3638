/**
 * A button that downloads a file the API serves (a PDF ticket or invoice, a wallet pass) through
 * the API client, so the signed-in user's token goes with it, and saves it; a refusal shows
 * beside it in the app's error style.
 */
import { useState } from "react";
import type { ReactNode } from "react";
import { download } from "../api/client";
import type { DownloadOptions } from "../api/client";
import { useErrorText } from "./ui";
import { useI18n } from "../i18n";
import { Icon } from "./Icon";

export function DownloadButton({
  path,
  filename,
  options,
  className = "btn btn-secondary btn-small",
  icon = true,
  hiddenLabel,
  testId,
  children,
}: {
  path: string;
  filename: string;
  options?: DownloadOptions;
  className?: string;
  /** The download icon before the label (off for a button with artwork of its own). */
  icon?: boolean;
  /** Said after the label to screen readers only (which ticket, which invoice). */
  hiddenLabel?: string;
  testId?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  async function save() {
    setBusy(true);
    setError("");
    try {
      await download(path, filename, options);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className={className} onClick={save} disabled={busy} aria-busy={busy} data-testid={testId}>
        {icon && <Icon name="download" size={16} />} {busy ? t("checkout.ticket.downloading") : children}
        {hiddenLabel && <span className="visually-hidden"> — {hiddenLabel}</span>}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
