/**
 * A booking's invoices and credit notes on My bookings: number, kind, date and total, each PDF
 * to download (with the guest's token), and "E-mail my invoices" (rate limited). Nothing at all
 * for a booking without invoices.
 */
import { useCallback, useEffect, useState } from "react";
import { isApiError } from "../../../api/client";
import type { Booking, Invoice } from "../../../api/schema";
import { DownloadButton } from "../../../components/DownloadButton";
import { Icon } from "../../../components/Icon";
import { useErrorText } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { invoices as invoicesApi } from "../api";
import { byIssue, invoiceFilename, invoiceKindKey, mayHaveInvoices, retryWait } from "../lib/invoices";

export function BookingInvoices({ booking, timeZone }: { booking: Booking; timeZone?: string }) {
  const { t } = useI18n();
  const asked = mayHaveInvoices(booking);
  const [documents, setDocuments] = useState<Invoice[]>([]);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      setDocuments(byIssue(await invoicesApi.of(booking.id)));
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [booking.id]);

  useEffect(() => {
    if (asked) void load();
  }, [asked, load, booking.payment_status]);

  if (!asked || (documents.length === 0 && !error)) return null;
  const titleId = `invoices-${booking.id}-title`;
  return (
    <section className="co-invoices" aria-labelledby={titleId} data-testid="booking-invoices">
      <h4 className="co-invoices-title" id={titleId}>
        {t("checkout.invoices.title")}
      </h4>
      {documents.length === 0 ? (
        <InvoicesError error={error} onRetry={() => void load()} />
      ) : (
        <>
          <ul className="co-invoice-list">
            {documents.map((document) => (
              <InvoiceRow key={document.number} document={document} timeZone={timeZone} />
            ))}
          </ul>
          <ResendInvoices bookingId={booking.id} />
        </>
      )}
    </section>
  );
}

function InvoicesError({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  return (
    <p className="field-error" role="alert">
      {errorText(error)}{" "}
      <button type="button" className="btn btn-secondary btn-small" onClick={onRetry}>
        {t("common.retry")}
      </button>
    </p>
  );
}

function InvoiceRow({ document, timeZone }: { document: Invoice; timeZone?: string }) {
  const { t, formatMoney, formatDateTime } = useI18n();
  const kind = t(invoiceKindKey(document.kind));
  return (
    <li className="co-invoice" data-testid="invoice-row" data-number={document.number}>
      <div className="co-invoice-facts">
        <span className="co-invoice-kind">{kind}</span>
        <span dir="ltr" className="co-mono co-invoice-number">
          {document.number}
        </span>
        <span className="muted co-small">
          {formatDateTime(document.issued_at, { dateStyle: "medium", timeStyle: undefined }, timeZone)}
        </span>
        <strong className="co-invoice-total">{formatMoney(document.total, document.currency)}</strong>
      </div>
      <DownloadButton
        path={invoicesApi.pdfPath(document.number)}
        filename={invoiceFilename(document.number)}
        hiddenLabel={`${kind} ${document.number}`}
        testId="invoice-pdf"
      >
        {t("checkout.invoices.pdf")}
      </DownloadButton>
    </li>
  );
}

function ResendInvoices({ bookingId }: { bookingId: string }) {
  const { t, formatNumber } = useI18n();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);

  async function resend() {
    setBusy(true);
    setSaid(null);
    try {
      await invoicesApi.resend(bookingId);
      setSaid({ ok: true, text: t("checkout.invoices.sent") });
    } catch (failure) {
      let text: string;
      if (isApiError(failure, "rate_limited") && failure.retryAfter) {
        const wait = retryWait(failure.retryAfter);
        text =
          wait.unit === "minutes"
            ? t("checkout.invoices.retryMinutes", { minutes: formatNumber(wait.count) })
            : t("common.retryAfter", { seconds: formatNumber(wait.count) });
      } else if (isApiError(failure, "no_invoices")) {
        text = t("checkout.invoices.nothingToSend");
      } else {
        text = errorText(failure);
      }
      setSaid({ ok: false, text });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="co-invoice-resend">
      <button type="button" className="btn btn-secondary btn-small" onClick={resend} disabled={busy} data-testid="invoices-resend">
        <Icon name="send" size={16} /> {busy ? t("checkout.invoices.sending") : t("checkout.invoices.resend")}
      </button>
      {said && (
        <span className={said.ok ? "co-invoice-sent" : "field-error"} role={said.ok ? "status" : "alert"} data-testid="invoices-resend-result">
          {said.text}
        </span>
      )}
    </div>
  );
}
