/** "Best available N together": how many seats, which section (or any), and one button. */
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { Link } from "react-router";
import { ErrorNotice } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { SeatSection } from "../lib/seats";
import { useBestAvailable } from "../hooks/useBestAvailable";

export function BestAvailable({
  slug,
  sections,
  max,
  onSoldOut,
}: {
  slug: string;
  sections: SeatSection[];
  max: number;
  onSoldOut: () => Promise<void> | void;
}) {
  const { t, formatNumber } = useI18n();
  const id = useId();
  const [quantity, setQuantity] = useState(Math.min(2, max));
  const [section, setSection] = useState("");
  const { find, busy, problem } = useBestAvailable(slug, onSoldOut);
  const named = sections.filter((s) => s.name);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void find(quantity, section || undefined);
  };

  return (
    <form className="best-available" onSubmit={submit} aria-labelledby={`${id}-title`} aria-busy={busy}>
      <div className="best-available-note">
        <h3 id={`${id}-title`}>{t("guest.best.title")}</h3>
        <p className="muted small">{t("guest.best.help")}</p>
      </div>
      <label>
        {t("guest.best.quantity")}
        <select name="quantity" value={quantity} onChange={(event) => setQuantity(Number(event.target.value))}>
          {Array.from({ length: max }, (_, index) => index + 1).map((n) => (
            <option key={n} value={n}>
              {formatNumber(n)}
            </option>
          ))}
        </select>
      </label>
      {named.length > 1 && (
        <label>
          {t("guest.best.section")}
          <select name="section" value={section} onChange={(event) => setSection(event.target.value)}>
            <option value="">{t("guest.best.any")}</option>
            {named.map((s) => (
              <option key={s.name} value={s.name}>
                {s.tier ? `${s.label} · ${s.tier}` : s.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t("guest.best.busy") : t("guest.best.find")}
      </button>
      <div className="best-available-note" aria-live="polite">
        {problem?.kind === "none" && (
          <p className="notice notice-warn">{t("guest.best.none", { count: formatNumber(problem.count) })}</p>
        )}
        {problem?.kind === "existing" && (
          <p className="notice notice-warn">
            {t("guest.best.existing")}{" "}
            {problem.hold && <Link to={`/checkout/${problem.hold}`}>{t("guest.best.openHold")}</Link>}
          </p>
        )}
        {problem?.kind === "error" && <ErrorNotice error={problem.error} />}
      </div>
    </form>
  );
}
