/**
 * Arabic and English for every page. Messages live per area (messages/*.ts), each with the same
 * keys in both languages; `t("key", {name})` fills {name}. The choice is remembered; the
 * document's lang and dir follow it so the whole layout mirrors for Arabic.
 */
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { messages } from "./messages";
import { setContentLanguage } from "../shared/lib/contentLanguage";
import { formatInstant, localeOf } from "../shared/lib/dateFormat";

export type Language = "ar" | "en";
export type MessageKey = keyof (typeof messages)["en"];

const STORAGE_KEY = "gh.language";

interface I18n {
  lang: Language;
  dir: "rtl" | "ltr";
  setLang(lang: Language): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** Numbers, money, dates and times in the current language. */
  formatNumber(value: number): string;
  formatMoney(amount: string | number, currency: string): string;
  formatDateTime(iso: string, options?: Intl.DateTimeFormatOptions, timeZone?: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function storedLanguage(): Language | null {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === "ar" || stored === "en" ? stored : null;
}

function initialLanguage(fallback: Language): Language {
  return storedLanguage() ?? fallback;
}

const locale = localeOf;

export function translate(
  lang: Language,
  key: MessageKey,
  vars?: Record<string, string | number>,
): string {
  const text: string = messages[lang][key] ?? messages.en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

export function I18nProvider({
  children,
  fallback = "en",
}: {
  children: ReactNode;
  fallback?: Language;
}) {
  const [lang, setLangState] = useState<Language>(() => initialLanguage(fallback));
  const dir = lang === "ar" ? "rtl" : "ltr";

  // Until someone chooses, the language follows the part of the app they are in.
  useEffect(() => {
    if (!storedLanguage()) setLangState(fallback);
  }, [fallback]);

  // Before any page's effects load data: the API answers in this language.
  useLayoutEffect(() => setContentLanguage(lang), [lang]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = dir;
  }, [lang, dir]);

  const setLang = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const numbers = new Intl.NumberFormat(locale(lang));
    return {
      lang,
      dir,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      formatNumber: (value) => numbers.format(value),
      formatMoney: (amount, currency) =>
        new Intl.NumberFormat(locale(lang), {
          style: "currency",
          currency,
          maximumFractionDigits: 2,
        }).format(Number(amount)),
      formatDateTime: (iso, options, timeZone) => formatInstant(lang, iso, options, timeZone),
    };
  }, [lang, dir, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

/** The language switch every page shows (a real button, announced in both languages). */
export function LanguageToggle() {
  const { lang, setLang } = useI18n();
  const other: Language = lang === "ar" ? "en" : "ar";
  return (
    <button
      type="button"
      className="lang-toggle"
      lang={other}
      onClick={() => setLang(other)}
      // The name holds the words shown at every width (a short one on a phone), so speech
      // input finds the button by what it reads (WCAG 2.5.3, axe's label-content-name-mismatch).
      aria-label={other === "ar" ? "عربي العربية — Switch to Arabic" : "EN English — التبديل إلى الإنجليزية"}
    >
      <span className="lang-long">{other === "ar" ? "العربية" : "English"}</span>
      {/* A phone's header has room for a short word (within the long one, for speech input). */}
      <span className="lang-short" aria-hidden="true">
        {other === "ar" ? "عربي" : "EN"}
      </span>
    </button>
  );
}
