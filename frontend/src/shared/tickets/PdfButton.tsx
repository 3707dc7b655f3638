/** Download a ticket as a PDF (owner-only, so fetched with the guest's token), named after its
 * reference in its business's words (`reservation-9B2F4C1E.pdf`), as the server names it. */
import { DownloadButton } from "../../components/DownloadButton";
import type { Ticket } from "../../api/schema";
import { useI18n } from "../../i18n";
import { ltr } from "../lib/bidi";
import { downloadName, wordsOf } from "../lib/wording";

export function PdfButton({
  ticket,
  className,
}: {
  ticket: Pick<Ticket, "id" | "reference" | "event_kind">;
  className?: string;
}) {
  const { t } = useI18n();
  return (
    <DownloadButton
      path={`/api/tickets/${ticket.id}/pdf/`}
      filename={downloadName(ticket.event_kind, ticket.reference, "pdf")}
      className={className}
      hiddenLabel={t(wordsOf(ticket.event_kind).document, { reference: ltr(ticket.reference) })}
    >
      {t("checkout.ticket.pdf")}
    </DownloadButton>
  );
}
