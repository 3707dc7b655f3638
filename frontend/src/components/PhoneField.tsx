/**
 * A phone field that starts in a country: a country-code choice (the venue's country by
 * default, else Saudi Arabia) beside the number, the hint showing that country's format. A
 * number typed with its own country code ("+91…", "0091…") is kept as typed;
 * `withCountryCode(normalisePhone(value), country)` is what to send.
 */
import type { Ref } from "react";
import { useI18n } from "../i18n";
import { PHONE_COUNTRIES, countryName, phoneCountry } from "../shared/lib/phoneCountry";
import { usePhoneFormat } from "./PhoneHint";

export function PhoneField({
  id,
  label,
  country,
  onCountry,
  value,
  onChange,
  error,
  ref,
}: {
  id: string;
  label: string;
  /** ISO 3166 alpha-2 (null: Saudi Arabia). */
  country: string | null;
  onCountry(country: string): void;
  value: string;
  onChange(value: string): void;
  error?: string;
  ref?: Ref<HTMLInputElement>;
}) {
  const { t, lang } = useI18n();
  const format = usePhoneFormat(country);
  const chosen = phoneCountry(country).country;
  const names = new Map(PHONE_COUNTRIES.map((code) => [code, countryName(code, lang)]));
  const ordered = [...PHONE_COUNTRIES].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, lang));
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="field phone-field">
      <label htmlFor={id}>{label}</label>
      <span className="hint" id={`${id}-hint`}>
        {format.hint}
      </span>
      <div className="phone-field-row" dir="ltr">
        <select
          id={`${id}-country`}
          dir="ltr"
          aria-label={t("phone.country")}
          value={chosen}
          onChange={(event) => onCountry(event.target.value)}
        >
          {ordered.map((code) => (
            <option key={code} value={code}>
              {/* The code first, left to right like the number beside it ("+966 …"): an
                  option's text ignores bidi isolates, and "+966" would read "966+" in Arabic. */}
              {`${phoneCountry(code).callingCode} ${names.get(code) ?? code}`}
            </option>
          ))}
        </select>
        <input
          id={id}
          ref={ref}
          type="tel"
          name="phone"
          autoComplete="tel"
          inputMode="tel"
          dir="ltr"
          placeholder={phoneCountry(chosen).national}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          required
        />
      </div>
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
