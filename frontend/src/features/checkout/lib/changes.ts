/**
 * A guest's own booking changes (GET /api/bookings/{id}/changes/): the event's policy in words,
 * why a change is not possible, and the times a booking can move to.
 *
 * The server decides (its answer says whether cancelling and moving are allowed now, and what
 * goes back); this only words it, and finds the starts a move could take from the live
 * availability: every slot of the booking shifted by the same amount, on the same resource,
 * free (or the booking's own).
 */
import type { MessageKey } from "../../../i18n";
import type { Booking, BookingChanges, Slot } from "../../../api/schema";
import { localeOf } from "../../../shared/lib/dateFormat";

export type Policy = BookingChanges["policy"];
type Language = "ar" | "en";

/** One sentence of the policy: a message and what fills it. */
export interface Words {
  key: MessageKey;
  vars?: Record<string, string>;
}

const HOURS: Record<Language, Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }> = {
  en: { one: "1 hour", other: "{n} hours" },
  ar: { one: "ساعة واحدة", two: "ساعتين", few: "{n} ساعات", other: "{n} ساعة" },
};

/** "48 hours", "٤٨ ساعة": a length in hours in the language's own plural and digits. */
export function formatHours(hours: number, lang: Language): string {
  const forms = HOURS[lang];
  const form = forms[new Intl.PluralRules(localeOf(lang)).select(hours)] ?? forms.other;
  return form.replace("{n}", new Intl.NumberFormat(localeOf(lang)).format(hours));
}

/** "50%", "٥٠٪؜". */
export function formatPercent(percent: number, lang: Language): string {
  return new Intl.NumberFormat(localeOf(lang), { style: "percent" }).format(percent / 100);
}

/** The policy as the guest reads it: cancelling, then moving. */
export function policyWords(policy: Policy, lang: Language): Words[] {
  const words: Words[] = [];
  if (!policy.cancellable) {
    words.push({ key: "changes.policy.noCancel" });
  } else {
    words.push(
      policy.free_cancellation_hours > 0
        ? { key: "changes.policy.freeUntil", vars: { hours: formatHours(policy.free_cancellation_hours, lang) } }
        : { key: "changes.policy.freeUntilStart" },
    );
    if (policy.free_cancellation_hours > 0)
      words.push(
        policy.late_refund_percent > 0
          ? { key: "changes.policy.latePercent", vars: { percent: formatPercent(policy.late_refund_percent, lang) } }
          : { key: "changes.policy.lateNone" },
      );
  }
  if (!policy.reschedulable) words.push({ key: "changes.policy.noMove" });
  else
    words.push(
      policy.reschedule_hours > 0
        ? { key: "changes.policy.moveUntil", vars: { hours: formatHours(policy.reschedule_hours, lang) } }
        : { key: "changes.policy.moveUntilStart" },
    );
  return words;
}

const REASONS: Record<string, MessageKey> = {
  already_cancelled: "changes.reason.already_cancelled",
  checked_in: "changes.reason.checked_in",
  not_changeable: "changes.reason.not_changeable",
  not_cancellable: "changes.reason.not_cancellable",
  already_started: "changes.reason.already_started",
  not_reschedulable: "changes.reason.not_reschedulable",
  reschedule_closed: "changes.reason.reschedule_closed",
  sold_out: "changes.reason.sold_out",
  reschedule_price_differs: "changes.reason.reschedule_price_differs",
};

/** Why a change is refused, for a reason or error code the server gave (null: unknown). */
export function reasonKey(code: string): MessageKey | null {
  return REASONS[code] ?? null;
}

/** The ISO day ("2026-12-21") of an instant in `timeZone`. */
export function dayIn(iso: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(iso),
  );
  return parts; // en-CA writes yyyy-mm-dd
}

/** The day after an ISO day, `days` on. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/**
 * The starts on `day` (in `timeZone`) the booking can move to: for each slot of its first
 * resource starting that day, the booking shifted to start there, every one of its slots
 * found on its resource at the same shift and free for its quantity (its own slots count as
 * free: they are the booking's). Its current start is left out. In time order.
 */
export function moveStarts(
  booking: Pick<Booking, "items">,
  slots: Pick<Slot, "id" | "resource" | "starts_at" | "available">[],
  day: string,
  timeZone?: string,
  now: number = Date.now(),
): string[] {
  const items = [...booking.items].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
  if (items.length === 0) return [];
  const first = items[0];
  const own = new Set(items.map((item) => item.slot));
  const byKey = new Map(slots.map((slot) => [`${slot.resource}|${Date.parse(slot.starts_at)}`, slot]));
  const origin = Date.parse(first.starts_at);
  const starts: string[] = [];
  for (const slot of slots) {
    if (slot.resource !== first.resource || dayIn(slot.starts_at, timeZone) !== day) continue;
    const start = Date.parse(slot.starts_at);
    if (start === origin || start <= now) continue;
    const shift = start - origin;
    const fits = items.every((item) => {
      const target = byKey.get(`${item.resource}|${Date.parse(item.starts_at) + shift}`);
      return target !== undefined && (own.has(target.id) || target.available >= item.quantity);
    });
    if (fits) starts.push(slot.starts_at);
  }
  return starts.sort((a, b) => Date.parse(a) - Date.parse(b));
}

/** How many days the booking covers (to ask availability for a move starting on one day). */
export function daysCovered(booking: Pick<Booking, "starts_at" | "ends_at">): number {
  if (!booking.starts_at || !booking.ends_at) return 1;
  return Math.max(1, Math.ceil((Date.parse(booking.ends_at) - Date.parse(booking.starts_at)) / 86_400_000) + 1);
}
