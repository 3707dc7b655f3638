/** The next days as a row of buttons (weekday, day, month), the chosen one pressed. */
import { useEffect, useRef } from "react";
import { useI18n } from "../../../i18n";
import type { IsoDate } from "../lib/dates";
import { dayParts, formatDay } from "../lib/format";

export function DayPicker({
  days,
  value,
  today,
  onChange,
}: {
  days: IsoDate[];
  value: IsoDate;
  today: IsoDate;
  onChange(day: IsoDate): void;
}) {
  const { t, lang } = useI18n();
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    list.current?.querySelector<HTMLElement>('[aria-pressed="true"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [value]);
  return (
    <div className="day-picker">
      <h2 className="picker-label" id="day-picker-label">
        {t("guest.day.choose")}
      </h2>
      <div className="day-list" role="group" aria-labelledby="day-picker-label" ref={list}>
        {days.map((day) => {
          const parts = dayParts(lang, day);
          return (
            <button
              key={day}
              type="button"
              className="day-chip"
              aria-pressed={day === value}
              // The name is what the chip shows ("Tue 8 Dec"): a different label would not
              // match what voice-control users read (WCAG 2.5.3); the whole date is its title.
              title={
                day === today
                  ? `${t("guest.day.today")}, ${formatDay(lang, day, { month: "long" })}`
                  : formatDay(lang, day, { weekday: "long", month: "long" })
              }
              onClick={() => onChange(day)}
              data-day={day}
            >
              <span className="day-weekday">{day === today ? t("guest.day.today") : parts.weekday}</span>
              <span className="day-number">{parts.day}</span>
              <span className="day-month">{parts.month}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
