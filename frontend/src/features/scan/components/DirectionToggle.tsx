/** At a re-entry gate: is this person coming in or going out? */
import { useId } from "react";
import { useI18n } from "../../../i18n";
import type { ScanDirection } from "../../../api/schema";

export function DirectionToggle({
  value,
  onChange,
}: {
  value: ScanDirection;
  onChange: (direction: ScanDirection) => void;
}) {
  const { t } = useI18n();
  const name = useId();
  return (
    <fieldset className="scan-direction">
      <legend className="visually-hidden">{t("scan.direction.label")}</legend>
      {(["in", "out"] as const).map((direction) => (
        <label key={direction} className={value === direction ? "is-on" : undefined}>
          <input
            type="radio"
            name={name}
            value={direction}
            checked={value === direction}
            onChange={() => onChange(direction)}
          />
          <span>{t(direction === "in" ? "scan.direction.in" : "scan.direction.out")}</span>
        </label>
      ))}
    </fieldset>
  );
}
