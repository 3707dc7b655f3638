/** Download a ticket as a PDF (owner-only, so fetched with the guest's token). */
import { useState } from "react";
import { download } from "../../api/client";
import { useErrorText } from "../../components/ui";
import { useI18n } from "../../i18n";
import { Icon } from "../../components/Icon";

export function PdfButton({ ticketId, className = "btn btn-secondary btn-small" }: { ticketId: number; className?: string }) {
  const { t, formatNumber } = useI18n();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  async function save() {
    setBusy(true);
    setError("");
    try {
      await download(`/api/tickets/${ticketId}/pdf/`, `ticket-${ticketId}.pdf`);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className={className} onClick={save} disabled={busy}>
        <Icon name="download" size={16} /> {busy ? t("checkout.ticket.downloading") : t("checkout.ticket.pdf")}
        <span className="visually-hidden"> — {t("checkout.ticket.number", { number: formatNumber(ticketId) })}</span>
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
