/** Download a ticket as a PDF (owner-only, so fetched with the guest's token). */
import { DownloadButton } from "../../components/DownloadButton";
import { useI18n } from "../../i18n";

export function PdfButton({ ticketId, className }: { ticketId: number; className?: string }) {
  const { t, formatNumber } = useI18n();
  return (
    <DownloadButton
      path={`/api/tickets/${ticketId}/pdf/`}
      filename={`ticket-${ticketId}.pdf`}
      className={className}
      hiddenLabel={t("checkout.ticket.number", { number: formatNumber(ticketId) })}
    >
      {t("checkout.ticket.pdf")}
    </DownloadButton>
  );
}
