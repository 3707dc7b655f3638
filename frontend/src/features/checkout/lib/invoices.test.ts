import { describe, expect, it } from "vitest";
import type { Invoice } from "../../../api/schema";
import { byIssue, invoiceFilename, invoiceKindKey, mayHaveInvoices, retryWait } from "./invoices";

function doc(number: string, issued_at: string, kind: Invoice["kind"] = "invoice"): Invoice {
  return { number, kind, cites: null, issued_at, lines: [], net: "0", tax: "0", total: "0", currency: "SAR" };
}

describe("invoices", () => {
  it("asks only for paid bookings' invoices", () => {
    expect(mayHaveInvoices({ payment_status: "paid" })).toBe(true);
    expect(mayHaveInvoices({ payment_status: "refunded" })).toBe(true);
    expect(mayHaveInvoices({ payment_status: "partially_refunded" })).toBe(true);
    expect(mayHaveInvoices({ payment_status: "unpaid" })).toBe(false);
    expect(mayHaveInvoices({ payment_status: "due" })).toBe(false);
  });

  it("names the kind", () => {
    expect(invoiceKindKey("invoice")).toBe("checkout.invoices.invoice");
    expect(invoiceKindKey("credit_note")).toBe("checkout.invoices.creditNote");
  });

  it("makes a safe file name of the number", () => {
    expect(invoiceFilename("GH-2026-000123")).toBe("GH-2026-000123.pdf");
    expect(invoiceFilename("CN/2026 7")).toBe("CN-2026-7.pdf");
  });

  it("lists the oldest first", () => {
    const later = doc("GH-CN-2026-000001", "2026-05-02T10:00:00Z", "credit_note");
    const first = doc("GH-2026-000001", "2026-05-01T10:00:00Z");
    expect(byIssue([later, first]).map((d) => d.number)).toEqual(["GH-2026-000001", "GH-CN-2026-000001"]);
  });

  it("says how long to wait in minutes once it is a minute or more", () => {
    expect(retryWait(1800)).toEqual({ unit: "minutes", count: 30 });
    expect(retryWait(61)).toEqual({ unit: "minutes", count: 2 });
    expect(retryWait(59.2)).toEqual({ unit: "minutes", count: 1 });
    expect(retryWait(12)).toEqual({ unit: "seconds", count: 12 });
    expect(retryWait(0)).toEqual({ unit: "seconds", count: 1 });
  });
});
