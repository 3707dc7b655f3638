/**
 * The hint and placeholder of a phone field: the country a number without a country code is
 * read in (the event's venue country, or Saudi Arabia) and its example format.
 */
import { useI18n } from "../i18n";
import { ltr } from "../shared/lib/bidi";
import { countryName, phoneCountry } from "../shared/lib/phoneCountry";

/** An example never breaks across lines (no-break spaces). */
function unbroken(example: string): string {
  return example.replace(/ /g, "\u00a0");
}

export function usePhoneFormat(country?: string | null): { hint: string; placeholder: string } {
  const { t, lang } = useI18n();
  const format = phoneCountry(country);
  return {
    hint: t("phone.countryHint", {
      country: countryName(format.country, lang),
      national: ltr(unbroken(format.national)),
      international: ltr(unbroken(format.international)),
    }),
    placeholder: format.international,
  };
}
