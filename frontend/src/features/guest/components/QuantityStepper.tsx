/**
 * − n + for a ticket type: real buttons and a labelled number input, kept within 0…max. At a
 * limit a button says it is unavailable (aria-disabled) but keeps the focus, so someone
 * stepping down with the keyboard is not thrown back to the top of the page.
 */
import { useI18n } from "../../../i18n";

export function QuantityStepper({
  id,
  label,
  value,
  max,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  max: number;
  onChange(value: number): void;
}) {
  const { t } = useI18n();
  const set = (next: number) => {
    const kept = Math.max(0, Math.min(max, Math.floor(next) || 0));
    if (kept !== value) onChange(kept);
  };
  return (
    <div className="stepper">
      <button
        type="button"
        className="stepper-button"
        onClick={() => set(value - 1)}
        aria-disabled={value <= 0 || undefined}
        aria-label={t("guest.qty.less", { name: label })}
      >
        −
      </button>
      <label htmlFor={id} className="visually-hidden">
        {t("guest.qty.label", { name: label })}
      </label>
      <input
        id={id}
        className="stepper-input"
        type="number"
        inputMode="numeric"
        min={0}
        max={Math.max(max, value)}
        value={value}
        onChange={(event) => set(Number(event.target.value))}
      />
      <button
        type="button"
        className="stepper-button"
        onClick={() => set(value + 1)}
        aria-disabled={value >= max || undefined}
        aria-label={t("guest.qty.more", { name: label })}
      >
        +
      </button>
    </div>
  );
}
