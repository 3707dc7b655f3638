/**
 * What is held, below the checkout's form on a phone: folded to one bar with the total (Show
 * your selection), opened and closed by the guest. From 900 px it is the sticky summary beside
 * the form, always open, and the bar is gone.
 */
import { useId, useState } from "react";
import type { ReactNode } from "react";
import { Icon } from "../../../components/Icon";
import { useI18n } from "../../../i18n";

export function CollapsibleSummary({ total, children }: { total: string | null; children: ReactNode }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <div className={`co-collapsible${open ? " is-open" : ""}`} data-testid="checkout-summary">
      <button
        type="button"
        className="co-summary-toggle"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen((was) => !was)}
      >
        <span className="co-summary-toggle-title">
          {t(open ? "checkout.summary.hide" : "checkout.summary.show")}
        </span>
        {total && <strong className="co-summary-toggle-total">{total}</strong>}
        <Icon name="chevron" size={20} className="co-summary-chevron" />
      </button>
      <div id={bodyId} className="co-summary-body">
        {children}
      </div>
    </div>
  );
}
