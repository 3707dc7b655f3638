/** The guest's entry pass: its QR code (fetched with the guest's token) and the PDF. */
import { useEffect, useState } from "react";
import { download, imageUrl } from "../../../api/client";
import { Loading } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { Ticket } from "../../../api/schema";
import { VipErrorNotice } from "./parts";

interface QrState {
  url: string | null;
  error: unknown;
}

function useQrImage(path: string): QrState {
  const [state, setState] = useState<QrState>({ url: null, error: null });
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    imageUrl(path).then(
      (made) => {
        url = made;
        if (live) setState({ url: made, error: null });
        else URL.revokeObjectURL(made);
      },
      (error: unknown) => live && setState({ url: null, error }),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [path]);
  return state;
}

export function EntryPass({ ticket, reference }: { ticket: Ticket; reference: string }) {
  const { t } = useI18n();
  const qr = useQrImage(ticket.qr_svg);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const valid = ticket.status === "valid";

  async function savePdf() {
    setDownloadError(null);
    try {
      await download(`/api/tickets/${ticket.id}/pdf/`, `pass-${reference}.pdf`);
    } catch (error) {
      setDownloadError(error);
    }
  }

  return (
    <section className="vip-pass" aria-labelledby={`pass-${ticket.id}`} data-testid="vip-pass">
      <h2 id={`pass-${ticket.id}`}>{t("vip.pass.title")}</h2>
      <div className={`vip-qr${valid ? "" : " vip-qr-void"}`}>
        {qr.url ? (
          <img src={qr.url} alt={t("vip.pass.qrAlt")} width={220} height={220} />
        ) : qr.error ? (
          <VipErrorNotice error={qr.error} />
        ) : (
          <Loading />
        )}
      </div>
      <p className={valid ? "vip-text" : "notice notice-warn"}>
        {valid ? t("vip.pass.show") : t("vip.pass.void")}
      </p>
      <button type="button" className="btn btn-ghost vip-btn-quiet" onClick={savePdf}>
        {t("vip.pass.pdf")}
      </button>
      <VipErrorNotice error={downloadError} />
    </section>
  );
}
