import { describe, expect, it } from "vitest";
import { translate } from "../../../i18n";
import { addDays, dayIn, daysCovered, formatHours, moveStarts, policyWords, reasonKey } from "./changes";
import type { Policy } from "./changes";

const STAY: Policy = {
  cancellable: true,
  free_cancellation_hours: 48,
  late_refund_percent: 50,
  reschedulable: true,
  reschedule_hours: 48,
};
const FESTIVAL: Policy = {
  cancellable: false,
  free_cancellation_hours: 0,
  late_refund_percent: 0,
  reschedulable: false,
  reschedule_hours: 0,
};

function read(policy: Policy, lang: "en" | "ar"): string[] {
  return policyWords(policy, lang).map((words) => translate(lang, words.key, words.vars));
}

describe("the policy in words", () => {
  it("says a stay's free period, the late refund and the move cutoff", () => {
    expect(read(STAY, "en")).toEqual([
      "Free cancellation until 48 hours before it starts.",
      "After that, 50% is refunded until it starts.",
      "You can move it to another time until 48 hours before it starts.",
    ]);
  });

  it("says it in Arabic with Arabic digits and plurals", () => {
    const [free, late, move] = read(STAY, "ar");
    expect(free).toBe("الإلغاء مجاني حتى ٤٨ ساعة قبل موعد البدء.");
    expect(late).toContain("٥٠");
    expect(late).toContain("٪");
    expect(move).toContain("٤٨ ساعة");
    expect(formatHours(2, "ar")).toBe("ساعتين");
    expect(formatHours(3, "ar")).toBe("٣ ساعات");
    expect(formatHours(1, "en")).toBe("1 hour");
  });

  it("says nothing is refunded after a meeting room's free period", () => {
    const words = read({ ...STAY, free_cancellation_hours: 2, late_refund_percent: 0, reschedule_hours: 2 }, "en");
    expect(words).toEqual([
      "Free cancellation until 2 hours before it starts.",
      "After that, nothing is refunded.",
      "You can move it to another time until 2 hours before it starts.",
    ]);
  });

  it("says free until the start, and that nothing can change, when so", () => {
    expect(read({ ...FESTIVAL, cancellable: true }, "en")).toEqual([
      "Free cancellation until it starts.",
      "It cannot be moved to another time.",
    ]);
    expect(read(FESTIVAL, "en")).toEqual(["This booking cannot be cancelled.", "It cannot be moved to another time."]);
  });

  it("words every refusal the server gives, and no unknown one", () => {
    for (const code of [
      "already_cancelled",
      "checked_in",
      "not_changeable",
      "not_cancellable",
      "already_started",
      "not_reschedulable",
      "reschedule_closed",
      "sold_out",
      "reschedule_price_differs",
    ]) {
      const key = reasonKey(code);
      expect(key).not.toBeNull();
      expect(translate("ar", key!)).not.toBe(translate("en", key!));
    }
    expect(reasonKey("teapot")).toBeNull();
  });
});

describe("where a booking can move", () => {
  const at = (hour: number, minute = 0) => `2026-12-21T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`;
  const booking = {
    items: [
      { slot: 2, resource: 7, resource_name: "Boardroom", starts_at: at(6, 30), ends_at: at(7), quantity: 1, unit_price: "100.00", total: "100.00" },
      { slot: 1, resource: 7, resource_name: "Boardroom", starts_at: at(6), ends_at: at(6, 30), quantity: 1, unit_price: "100.00", total: "100.00" },
    ],
  };
  const slot = (id: number, start: string, available: number) => ({ id, resource: 7, starts_at: start, available });
  const slots = [
    slot(1, at(6), 0), // the booking's own
    slot(2, at(6, 30), 0), // the booking's own
    slot(3, at(7), 1),
    slot(4, at(7, 30), 0), // someone else's
    slot(5, at(8), 1),
    slot(6, at(8, 30), 1),
    { id: 9, resource: 8, starts_at: at(9), available: 1 }, // another room
  ];
  const before = Date.parse("2026-12-20T00:00:00Z");

  it("offers starts whose every slot is free or the booking's own, not its own start", () => {
    expect(moveStarts(booking, slots, "2026-12-21", "UTC", before)).toEqual([at(6, 30), at(8)]);
  });

  it("offers nothing on a day of another time zone's date or in the past", () => {
    expect(moveStarts(booking, slots, "2026-12-22", "UTC", before)).toEqual([]);
    expect(moveStarts(booking, slots, "2026-12-21", "UTC", Date.parse(at(8)))).toEqual([]);
  });

  it("reads days in the venue's zone and counts the days a booking covers", () => {
    expect(dayIn("2026-12-21T22:30:00Z", "Asia/Riyadh")).toBe("2026-12-22");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(daysCovered({ starts_at: at(6), ends_at: at(7) })).toBe(2);
    expect(daysCovered({ starts_at: "2026-12-20T09:00:00Z", ends_at: "2026-12-23T06:00:00Z" })).toBe(4);
  });
});
