/**
 * A ticket's QR code: the owner-only SVG fetched with the guest's token (or, from a signed
 * link, the link's own `qr_svg`), shown as an image.
 */
import { useEffect, useState } from "react";
import { imageUrl } from "../../api/client";
import { useI18n } from "../../i18n";
import type { Ticket } from "../../api/schema";
import { ltr } from "../lib/bidi";
import { wordsOf } from "../lib/wording";

export function TicketQr({ ticket, size = 280 }: { ticket: Ticket; size?: number }) {
  const { t } = useI18n();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    setFailed(false);
    setSrc(null);
    imageUrl(ticket.qr_svg)
      .then((made) => {
        if (cancelled) URL.revokeObjectURL(made);
        else {
          url = made;
          setSrc(made);
        }
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
    // A new version of the ticket has a new code.
  }, [ticket.qr_svg, ticket.version]);

  if (failed)
    return (
      <div className="co-qr co-qr-failed" style={{ width: size, height: size }} role="img" aria-label={t("checkout.ticket.qrError")}>
        {t("checkout.ticket.qrError")}
      </div>
    );
  if (!src) return <div className="co-qr co-qr-loading" style={{ width: size, height: size }} aria-hidden="true" />;
  return (
    <img
      className="co-qr"
      src={src}
      width={size}
      height={size}
      data-testid="ticket-qr"
      alt={t("checkout.ticket.qrAlt", {
        number: t(wordsOf(ticket.event_kind).document, { reference: ltr(ticket.reference) }),
        label: ticket.label,
        holder: ticket.holder_name || "—",
      })}
    />
  );
}
