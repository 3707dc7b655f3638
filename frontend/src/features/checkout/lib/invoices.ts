/** A booking's invoices as My bookings shows them. */
import type { Booking, Invoice } from "../../../api/schema";

/** Only a booking that was paid (perhaps refunded since) has invoices: the others are not asked. */
export function mayHaveInvoices(booking: Pick<Booking, "payment_status">): boolean {
  return ["paid", "refunded", "partially_refunded"].includes(booking.payment_status);
}

/** The message key of a document's kind. */
export function invoiceKindKey(kind: Invoice["kind"]): "checkout.invoices.invoice" | "checkout.invoices.creditNote" {
  return kind === "credit_note" ? "checkout.invoices.creditNote" : "checkout.invoices.invoice";
}

/** The PDF's file name: the document's number, safe as a file name. */
export function invoiceFilename(number: string): string {
  return `${number.replace(/[^A-Za-z0-9._-]+/g, "-")}.pdf`;
}

/** Oldest first, so a credit note follows the invoice it cites. */
export function byIssue(documents: readonly Invoice[]): Invoice[] {
  return [...documents].sort((a, b) => a.issued_at.localeCompare(b.issued_at) || a.number.localeCompare(b.number));
}

/** How long to wait before asking again, in whole minutes once it is a minute or more. */
export function retryWait(seconds: number): { unit: "minutes" | "seconds"; count: number } {
  const whole = Math.max(1, Math.ceil(seconds));
  return whole >= 60 ? { unit: "minutes", count: Math.ceil(whole / 60) } : { unit: "seconds", count: whole };
}
