import { describe, expect, it } from "vitest";
import { translate } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import { outcomeFromAnswer } from "./outcome";
import { crewText, reasonKeyOf, setupWindowText, titleKey, whatOf, whoOf } from "./words";

const en = (key: MessageKey, vars?: Record<string, string | number>) => translate("en", key, vars);
const ar = (key: MessageKey, vars?: Record<string, string | number>) => translate("ar", key, vars);
const strip = (text: string) => text.replace(/[\u2066-\u2069]/g, "");

const setup = (status: string, extra: Record<string, unknown> = {}) =>
  outcomeFromAnswer({
    status,
    vendor: { id: 7, name: "Falafel Co", booth: "A-01" },
    crew: { admitted: 3, allowed: 6 },
    ...extra,
  });

describe("a setup code's words", () => {
  it("names the vendor, its booth and the crew count in both languages", () => {
    const outcome = setup("admitted");
    expect(whoOf(outcome, en)).toBe("Falafel Co");
    expect(strip(whatOf(outcome, en))).toBe("Booth A-01");
    expect(crewText(outcome, en, String)).toBe("Crew: 3 of 6 in");
    expect(crewText(outcome, ar, (n) => new Intl.NumberFormat("ar-SA-u-nu-arab").format(n))).toBe(
      "الطاقم: ٣ من ٦ في الداخل",
    );
    expect(en(reasonKeyOf(outcome))).toBe("Setup crew: welcome in.");
  });

  it("gives each new status its own title and reason", () => {
    expect(en(titleKey("outside_setup"))).toBe("Outside setup time");
    expect(en(titleKey("crew_full"))).toBe("Crew all in");
    expect(ar(titleKey("crew_full"))).toBe("اكتمل الطاقم");
    expect(en(titleKey("wrong_gate"))).toBe("Refused");
    expect(en(reasonKeyOf(setup("wrong_gate")))).toBe("Setup codes are scanned at the load-in gate.");
    expect(en(reasonKeyOf(setup("crew_full", { crew: { admitted: 0, allowed: 0 } })))).toContain("no crew passes");
    // A ticket keeps a ticket's words.
    expect(en(reasonKeyOf(outcomeFromAnswer({ status: "wrong_gate", ticket: { id: 1 } })))).toBe(
      "This ticket is for another gate.",
    );
  });

  it("says the setup window when the code came outside it", () => {
    const outcome = setup("outside_setup", {
      setup: { starts_at: "2026-12-20T06:00:00Z", ends_at: "2026-12-20T10:00:00Z" },
    });
    expect(setupWindowText(outcome, en, (iso) => iso.slice(11, 16))).toBe("Setup window: 06:00 – 10:00");
    expect(setupWindowText(setup("outside_setup"), en, String)).toBe("The setup window is not set yet.");
    expect(setupWindowText(setup("admitted"), en, String)).toBe("");
  });

  it("says a vendor without a booth has none", () => {
    expect(whatOf(setup("crew_full", { vendor: { id: 7, name: "Falafel Co", booth: null } }), en)).toBe("No booth yet");
  });
});
