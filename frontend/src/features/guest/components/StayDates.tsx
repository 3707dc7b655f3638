/** Check-in, check-out and the party, for a resort's room-nights grid and the stay search. */
import { useI18n } from "../../../i18n";
import { DateInput } from "../../../components/DateInput";
import type { IsoDate } from "../lib/dates";
import { addDays } from "../lib/dates";
import { MAX_GUESTS, MAX_NIGHTS } from "../lib/events";
import { adjustStay } from "../lib/stayDates";
import type { StayChoice, StayField } from "../lib/stayDates";

export function StayDates({
  value,
  min,
  idPrefix,
  errors = {},
  onChange,
}: {
  value: StayChoice;
  min: IsoDate;
  idPrefix: string;
  errors?: Partial<Record<StayField, string>>;
  onChange(value: StayChoice): void;
}) {
  const { t, formatNumber } = useI18n();
  const set = (changed: StayField, patch: Partial<StayChoice>) =>
    onChange(adjustStay({ ...value, ...patch }, changed, min));
  const field = (name: StayField) => `${idPrefix}-${name}`;
  const describedBy = (name: StayField) => (errors[name] ? `${field(name)}-error` : undefined);
  return (
    <>
      <div className="field">
        <label htmlFor={field("checkIn")}>{t("guest.stay.checkIn")}</label>
        <DateInput
          id={field("checkIn")}
          value={value.checkIn}
          min={min}
          required
          aria-invalid={errors.checkIn ? true : undefined}
          aria-describedby={describedBy("checkIn")}
          onChange={(event) => event.target.value && set("checkIn", { checkIn: event.target.value })}
        />
        {errors.checkIn && (
          <span className="field-error" id={`${field("checkIn")}-error`}>
            {errors.checkIn}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={field("checkOut")}>{t("guest.stay.checkOut")}</label>
        <DateInput
          id={field("checkOut")}
          value={value.checkOut}
          min={addDays(value.checkIn, 1)}
          max={addDays(value.checkIn, MAX_NIGHTS)}
          required
          aria-invalid={errors.checkOut ? true : undefined}
          aria-describedby={describedBy("checkOut")}
          onChange={(event) => event.target.value && set("checkOut", { checkOut: event.target.value })}
        />
        {errors.checkOut && (
          <span className="field-error" id={`${field("checkOut")}-error`}>
            {errors.checkOut}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={field("guests")}>{t("guest.stay.guests")}</label>
        <select
          id={field("guests")}
          value={value.guests}
          aria-invalid={errors.guests ? true : undefined}
          aria-describedby={describedBy("guests")}
          onChange={(event) => set("guests", { guests: Number(event.target.value) })}
        >
          {Array.from({ length: MAX_GUESTS }, (_, index) => index + 1).map((count) => (
            <option key={count} value={count}>
              {formatNumber(count)}
            </option>
          ))}
        </select>
        {errors.guests && (
          <span className="field-error" id={`${field("guests")}-error`}>
            {errors.guests}
          </span>
        )}
      </div>
    </>
  );
}
