import { useEffect } from "react";
import { storedLanguage, useI18n } from "../../../i18n";

/**
 * Speak the language the message was written in (the account's or the booking's), unless the
 * visitor has chosen one already: an Arabic SMS opens an Arabic page.
 */
export function useMessageLanguage(suggested: string | null | undefined): void {
  const { lang, setLang } = useI18n();
  useEffect(() => {
    if ((suggested === "ar" || suggested === "en") && suggested !== lang && !storedLanguage()) setLang(suggested);
  }, [suggested, lang, setLang]);
}
