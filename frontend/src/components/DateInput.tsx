/**
 * A date field whose chosen day is written in the app's language under it ("Sun, 20 Dec
 * 2026", "الأحد، ٢٠ ديسمبر ٢٠٢٦"): the browser's own picker shows its locale's order
 * (mm/dd/yyyy in a US browser), which the page cannot change, so the words say which day it
 * is, and screen readers hear them with the field.
 */
import type { InputHTMLAttributes } from "react";
import { useI18n } from "../i18n";
import { formatCalendarDate } from "../shared/lib/dateFormat";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "value"> & {
  id: string;
  value: string;
};

export function DateInput({ id, value, "aria-describedby": describedBy, ...input }: Props) {
  const { lang } = useI18n();
  const shown = formatCalendarDate(lang, value);
  const shownId = `${id}-shown`;
  const ids = [shown ? shownId : "", describedBy ?? ""].filter(Boolean).join(" ");
  return (
    <>
      <input id={id} type="date" lang={lang} value={value} aria-describedby={ids || undefined} {...input} />
      {shown && (
        <span className="date-shown" id={shownId} data-testid={shownId}>
          {shown}
        </span>
      )}
    </>
  );
}
