import { describe, expect, it } from "vitest";
import { messages } from "../../i18n/messages";
import { downloadName, KINDS, kindOf, wordsOf } from "./wording";

describe("the words of each business", () => {
  it("has every word of every kind in English and Arabic", () => {
    for (const kind of KINDS) {
      const words = wordsOf(kind);
      for (const key of [words.document, words.booking, words.yours, words.confirmed, words.holder, words.loading, words.none, words.void]) {
        expect(messages.en[key]).toBeTruthy();
        expect(messages.ar[key]).toBeTruthy();
        expect(messages.ar[key]).not.toBe(messages.en[key]);
      }
      expect(messages.en[words.document]).toContain("{reference}");
      expect(messages.ar[words.document]).toContain("{reference}");
    }
  });

  it("calls a stay a reservation shown at reception, a repair an appointment at the shop", () => {
    expect(messages.en[wordsOf("stays").document]).toBe("Reservation {reference}");
    expect(messages.en[wordsOf("stays").confirmed]).toContain("at reception");
    expect(messages.en[wordsOf("rooms").yours]).toBe("Your room booking");
    expect(messages.en[wordsOf("service").confirmed]).toContain("at the shop");
    expect(messages.en[wordsOf("vip").document]).toBe("Invitation pass {reference}");
    expect(messages.en[wordsOf("festival").confirmed]).toContain("at the gate");
    for (const kind of ["stays", "rooms", "service", "vip"] as const) {
      expect(messages.en[wordsOf(kind).confirmed]).not.toContain("gate");
      expect(messages.en[wordsOf(kind).document]).not.toContain("Ticket");
    }
  });

  it("falls back to a festival's words for an unknown or missing kind", () => {
    expect(kindOf(undefined)).toBe("festival");
    expect(kindOf("nonsense")).toBe("festival");
    expect(wordsOf(null)).toEqual(wordsOf("festival"));
  });

  it("names downloads after the reference, as the server does", () => {
    expect(downloadName("stays", "9B2F4C1E", "pdf")).toBe("reservation-9B2F4C1E.pdf");
    expect(downloadName("rooms", "9B2F4C1E-2", "pkpass")).toBe("room-booking-9B2F4C1E-2.pkpass");
    expect(downloadName("festival", "9B2F4C1E-1", "pdf")).toBe("tickets-9B2F4C1E-1.pdf");
    expect(downloadName("service", "../x\u2066", "pdf")).toBe("appointment-x.pdf");
  });
});
