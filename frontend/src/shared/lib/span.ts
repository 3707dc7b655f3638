/**
 * When a booking is, as the API says it (`starts_at`, `ends_at`, `nights` of a booking or a
 * ticket: the whole booking, first start to last end), in the venue's time zone: "21 Dec 2026,
 * 09:00–10:00" for a meeting of two slots, "20 Dec 2026, 15:00 – 23 Dec 2026, 11:00 · 3
 * nights" for a stay. The end's date is written only when it is another day.
 */
import type { Language } from "../../i18n";
import { localeOf } from "./dateFormat";

export interface Span {
  starts_at?: string | null;
  ends_at?: string | null;
  nights?: number;
}

const locale = localeOf;

const NIGHTS: Record<Language, Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }> = {
  en: { one: "{n} night", other: "{n} nights" },
  ar: { one: "ليلة واحدة", two: "ليلتان", few: "{n} ليالٍ", other: "{n} ليلة" },
};

/** "3 nights", "٣ ليالٍ": a stay's length in the language's own plural and digits. */
export function formatNights(nights: number, lang: Language): string {
  const forms = NIGHTS[lang];
  const form = forms[new Intl.PluralRules(locale(lang)).select(nights)] ?? forms.other;
  return form.replace("{n}", new Intl.NumberFormat(locale(lang)).format(nights));
}

/** The whole span, with its nights when it is a stay ("" when there is no span). */
export function formatSpan(
  span: Span | null | undefined,
  lang: Language,
  timeZone?: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" },
): string {
  if (!span?.starts_at || !span.ends_at) return "";
  const format = new Intl.DateTimeFormat(locale(lang), { ...options, timeZone });
  const range = format.formatRange(new Date(span.starts_at), new Date(span.ends_at));
  return span.nights ? `${range} · ${formatNights(span.nights, lang)}` : range;
}
