/** The words for a status, and the line that says when and where a ticket first went in. */
import type { MessageKey } from "../../../i18n";
import { isolate } from "../../../shared/lib/bidi";
import type { Outcome, ScanStatus } from "./outcome";
import { toneOf } from "./outcome";

export function titleKey(status: ScanStatus): MessageKey {
  if (status === "admitted") return "scan.result.admitted";
  if (status === "exited") return "scan.result.exited";
  if (status === "already_used") return "scan.result.already_used";
  return "scan.result.refused";
}

export function reasonKey(status: ScanStatus): MessageKey {
  return `scan.reason.${status}` as MessageKey;
}

export const TONE_ICON = { ok: "✓", warn: "!", bad: "✕" } as const;

export function iconOf(status: ScanStatus): string {
  return TONE_ICON[toneOf(status)];
}

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** "First used 16:02 at North gate" (as much as is known). */
export function firstUseLine(outcome: Outcome, t: Translate, time: (iso: string) => string): string {
  if (outcome.status !== "already_used") return "";
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
