/**
 * How a phone number is typed in a country: its calling code and an example, for the hint under
 * a phone field. The server reads a number typed without a country code in the event's venue
 * country (`venue.country`, ISO 3166 alpha-2), or in Saudi Arabia when no event is named; the
 * hint says the same. Pure.
 */

export interface PhoneCountry {
  /** ISO 3166 alpha-2, upper case ("SA"). */
  country: string;
  /** "+966". */
  callingCode: string;
  /** A mobile number as typed at home ("05x xxx xxxx"). */
  national: string;
  /** The same with the country code ("+966 5x xxx xxxx"). */
  international: string;
}

/** Mobile numbers: the calling code, the subscriber part, and the trunk prefix typed at home. */
const MOBILE: Record<string, { code: string; number: string; trunk: string }> = {
  SA: { code: "966", number: "5x xxx xxxx", trunk: "0" },
  IN: { code: "91", number: "9xxxx xxxxx", trunk: "" },
  AE: { code: "971", number: "5x xxx xxxx", trunk: "0" },
  KW: { code: "965", number: "5xxx xxxx", trunk: "" },
  QA: { code: "974", number: "3xxx xxxx", trunk: "" },
  BH: { code: "973", number: "3xxx xxxx", trunk: "" },
  OM: { code: "968", number: "9xxx xxxx", trunk: "" },
  EG: { code: "20", number: "1x xxxx xxxx", trunk: "0" },
  JO: { code: "962", number: "7x xxx xxxx", trunk: "0" },
  GB: { code: "44", number: "7xxx xxxxxx", trunk: "0" },
  US: { code: "1", number: "xxx xxx xxxx", trunk: "" },
};

/** Where numbers are read when no event names its venue's country. */
export const DEFAULT_PHONE_COUNTRY = "SA";

/** The phone format of `country` (any case); Saudi Arabia's when it is unknown or not given. */
export function phoneCountry(country?: string | null): PhoneCountry {
  const wanted = (country ?? "").trim().toUpperCase();
  const code = wanted in MOBILE ? wanted : DEFAULT_PHONE_COUNTRY;
  const mobile = MOBILE[code];
  return {
    country: code,
    callingCode: `+${mobile.code}`,
    national: `${mobile.trunk}${mobile.number}`,
    international: `+${mobile.code} ${mobile.number}`,
  };
}

/** The country's name in `lang` ("Saudi Arabia", "المملكة العربية السعودية"), or its code. */
export function countryName(country: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: "region" }).of(country) ?? country;
  } catch {
    return country;
  }
}

/** The venue country an event answer carries (`venue.country`), if it says one. */
export function venueCountry(event: unknown): string | null {
  if (!event || typeof event !== "object") return null;
  const venue = (event as { venue?: unknown }).venue;
  if (!venue || typeof venue !== "object") return null;
  const country = (venue as { country?: unknown }).country;
  return typeof country === "string" && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : null;
}

/** The countries a phone field offers, as ISO codes (the ones whose format is known here). */
export const PHONE_COUNTRIES: readonly string[] = Object.keys(MOBILE);

/**
 * A number as typed (already `normalisePhone`d: "+" and digits, or digits) read in `country`:
 * with its own country code ("+…", "00…") it is kept; a national number gets the country's
 * calling code, its trunk prefix dropped ("0512345678" in SA → "+966512345678"); a number
 * that already starts with the calling code and has the full length gets its "+". An empty
 * number stays empty.
 */
export function withCountryCode(normalised: string, country?: string | null): string {
  if (!normalised || normalised.startsWith("+")) return normalised;
  const code = phoneCountry(country).country;
  const mobile = MOBILE[code];
  const nationalLength = mobile.number.replace(/\s/g, "").length;
  if (normalised.startsWith(mobile.code) && normalised.length === mobile.code.length + nationalLength) {
    return `+${normalised}`;
  }
  const national = mobile.trunk && normalised.startsWith(mobile.trunk) ? normalised.slice(mobile.trunk.length) : normalised;
  return `+${mobile.code}${national}`;
}
