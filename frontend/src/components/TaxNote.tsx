/** "+ 18 % tax" beside prices of an event whose prices are net (the tax is added per line). */
import { useI18n } from "../i18n";
import { taxAdded } from "../shared/lib/tax";
import type { TaxTerms } from "../shared/lib/tax";

export function TaxNote({ event, className = "" }: { event: TaxTerms | null | undefined; className?: string }) {
  const { t, formatNumber } = useI18n();
  const rate = taxAdded(event);
  if (rate === null) return null;
  return (
    <span className={`tax-note muted ${className}`.trim()} data-testid="tax-note">
      {t("common.taxAdded", { rate: formatNumber(rate) })}
    </span>
  );
}
