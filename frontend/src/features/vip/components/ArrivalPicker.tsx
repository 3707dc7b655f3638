/** The evening's arrival times as radio buttons, each saying how many places are left. */
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import type { Slot } from "../../../api/schema";
import { isPriced, slotState } from "../lib/availability";
import { useTimes } from "../hooks/common";

interface Props {
  slots: Slot[];
  chosen: number | null;
  onChoose(id: number): void;
  timeZone: string | undefined;
  currency: string;
  describedBy?: string;
  invalid?: boolean;
}

const STATE_WORDS: Record<ReturnType<typeof slotState>, MessageKey> = {
  open: "vip.book.slotLeft",
  few: "vip.book.slotFew",
  full: "vip.book.slotFull",
};

function dayOf(iso: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, dateStyle: "short" }).format(new Date(iso));
}

export function ArrivalPicker(props: Props) {
  const { slots, chosen, onChoose, timeZone, currency, describedBy, invalid } = props;
  const { t, formatNumber, formatDateTime, formatMoney } = useI18n();
  const times = useTimes(timeZone);
  const manyDays = new Set(slots.map((slot) => dayOf(slot.starts_at, timeZone))).size > 1;
  return (
    <fieldset
      className="vip-slots"
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
    >
      <legend>{t("vip.book.slots")}</legend>
      <div className="vip-slot-grid">
        {slots.map((slot) => {
          const state = slotState(slot);
          const full = state === "full";
          return (
            <label
              key={slot.id}
              className="vip-slot"
              data-state={state}
              data-testid={`slot-${slot.id}`}
            >
              <input
                type="radio"
                name="arrival"
                value={slot.id}
                checked={chosen === slot.id}
                disabled={full && chosen !== slot.id}
                onChange={() => onChoose(slot.id)}
              />
              <span className="vip-slot-body">
                {manyDays && (
                  <span className="vip-slot-day">
                    {formatDateTime(
                      slot.starts_at,
                      { dateStyle: "medium", timeStyle: undefined },
                      timeZone,
                    )}
                  </span>
                )}
                <span className="vip-slot-time">{times.range(slot.starts_at, slot.ends_at)}</span>
                <span className="vip-slot-left">
                  {t(STATE_WORDS[state], { count: formatNumber(slot.available) })}
                </span>
                {isPriced(slot.price) && (
                  <span className="vip-slot-price">{formatMoney(slot.price, currency)}</span>
                )}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
