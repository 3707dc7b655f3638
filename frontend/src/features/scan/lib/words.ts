/**
 * The words for a scan's result: its title, why, who it was (a ticket's holder or a vendor's
 * crew), the crew count of a setup code, and when and where a ticket first went in.
 */
import type { MessageKey } from "../../../i18n";
import { isolate, ltr } from "../../../shared/lib/bidi";
import type { Outcome, ScanStatus } from "./outcome";
import { isSetupCode, toneOf } from "./outcome";

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function titleKey(status: ScanStatus): MessageKey {
  switch (status) {
    case "admitted":
    case "exited":
    case "already_used":
    case "outside_setup":
    case "crew_full":
    case "setup_offline":
      return `scan.result.${status}`;
    default:
      return "scan.result.refused";
  }
}

export function reasonKey(status: ScanStatus): MessageKey {
  return `scan.reason.${status}` as MessageKey;
}

/** Statuses whose reason reads differently for a setup code than for a ticket. */
const SETUP_REASONS = new Set<ScanStatus>([
  "admitted",
  "exited",
  "already_used",
  "invalid",
  "void",
  "wrong_gate",
  "wrong_event",
]);

/** Why, in words fit for what was scanned (a ticket or a vendor's setup code). */
export function reasonKeyOf(outcome: Pick<Outcome, "status" | "vendor" | "crew">): MessageKey {
  if (outcome.status === "crew_full" && outcome.crew?.allowed === 0) return "scan.reason.setup.no_passes";
  if (isSetupCode(outcome) && SETUP_REASONS.has(outcome.status))
    return `scan.reason.setup.${outcome.status}` as MessageKey;
  return reasonKey(outcome.status);
}

export const TONE_ICON = { ok: "✓", warn: "!", wait: "◷", bad: "✕" } as const;

export function iconOf(status: ScanStatus): string {
  return TONE_ICON[toneOf(status)];
}

/** Who went through (or did not): the ticket's holder, the vendor, or the ticket's number. */
export function whoOf(outcome: Outcome, t: Translate): string {
  if (outcome.vendor) return outcome.vendor.name;
  if (outcome.ticket?.holderName) return outcome.ticket.holderName;
  return outcome.ticketId !== null ? t("scan.ticketNumber", { id: outcome.ticketId }) : "";
}

/** The line under the name: the ticket's type, or the vendor's booth. */
export function whatOf(outcome: Outcome, t: Translate): string {
  if (outcome.vendor)
    return outcome.vendor.booth ? t("scan.setup.booth", { booth: ltr(outcome.vendor.booth) }) : t("scan.setup.noBooth");
  return outcome.ticket?.label || "";
}

/** "Crew: 3 of 6 in" for a setup code's answer ("" when the server did not count). */
export function crewText(outcome: Outcome, t: Translate, number: (n: number) => string): string {
  if (!outcome.crew) return "";
  return t("scan.setup.crew", { admitted: number(outcome.crew.admitted), allowed: number(outcome.crew.allowed) });
}

/** outside_setup: "Setup window: 8 Dec, 08:00 – 12:00" when the server said it. */
export function setupWindowText(
  outcome: Outcome,
  t: Translate,
  format: (iso: string, options?: Intl.DateTimeFormatOptions) => string,
): string {
  if (outcome.status !== "outside_setup") return "";
  const { startsAt, endsAt } = outcome.setup ?? { startsAt: null, endsAt: null };
  if (!startsAt || !endsAt) return t("scan.setup.noWindow");
  return t("scan.setup.window", { from: format(startsAt), until: format(endsAt) });
}

/** "First used 16:02 at North gate" (as much as is known). */
export function firstUseLine(outcome: Outcome, t: Translate, time: (iso: string) => string): string {
  if (outcome.status !== "already_used" || outcome.vendor) return "";
  if (outcome.firstAdmittedAt && outcome.firstGate)
    return t("scan.result.firstUse", {
      time: time(outcome.firstAdmittedAt),
      gate: isolate(outcome.firstGate.name),
    });
  if (outcome.firstAdmittedAt) return t("scan.result.firstUseTime", { time: time(outcome.firstAdmittedAt) });
  return outcome.local ? t("scan.result.firstUseEarlier") : "";
}

/** A short time for today, with the date otherwise. */
export function shortTime(
  iso: string,
  format: (iso: string, options?: Intl.DateTimeFormatOptions) => string,
): string {
  const when = new Date(iso);
  const today = new Date();
  const sameDay = when.toDateString() === today.toDateString();
  return format(iso, sameDay ? { dateStyle: undefined, timeStyle: "short" } : { dateStyle: "short", timeStyle: "short" });
}
