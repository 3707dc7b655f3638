/**
 * What the guest is about to hold, its total, and the Hold button. On a laptop it sits beside
 * the picker; on a phone it is a bar at the bottom of the screen with the total and the button.
 */
import { useRef } from "react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { ErrorNotice } from "../../../components/ui";
import { useSession } from "../../../components/SiteHeader";
import { useI18n } from "../../../i18n";
import { TaxNote } from "../../../components/TaxNote";
import { fromCents } from "../../../shared/lib/money";
import type { EventSummary } from "../../../api/schema";
import type { HoldProblem } from "../hooks/useHoldAction";
import { useCount } from "../hooks/useCount";

export interface SummaryLine {
  key: string;
  title: string;
  detail?: string;
  cents: number;
}

export function BookingSummary({
  event,
  lines,
  units,
  unitsText,
  totalCents,
  busy,
  problem,
  describeSlot,
  announcement,
  notice,
  hint,
  onHold,
  onClear,
  onReplaceHold,
  ready = true,
}: {
  event: EventSummary;
  lines: SummaryLine[];
  units: number;
  /** How much that is, in the event's own words ("2 tickets", "1 room, 2 nights"). */
  unitsText?: string;
  totalCents: number;
  busy: boolean;
  problem: HoldProblem | null;
  /** What a slot is, in words (for a sold_out answer). */
  describeSlot(slot: number): string;
  /** Said politely when something changes under the guest (a selected seat taken). */
  announcement: string;
  notice?: ReactNode;
  hint?: ReactNode;
  onHold(): void;
  onClear(): void;
  onReplaceHold(): void;
  /** Whether the choice is complete enough to hold (a repair appointment needs a start time). */
  ready?: boolean;
}) {
  const { t, formatMoney, formatNumber } = useI18n();
  const user = useSession();
  const count = useCount();
  const empty = lines.length === 0;
  const total = formatMoney(fromCents(totalCents), event.currency);
  const heading = useRef<HTMLHeadingElement>(null);
  // "Clear" goes away with the selection: the focus moves to the summary, not to the page top.
  const clear = () => {
    onClear();
    heading.current?.focus();
  };
  return (
    <aside className="booking-summary" aria-labelledby="summary-title" data-testid="booking-summary">
      <div className="summary-head">
        <h2 id="summary-title" ref={heading} tabIndex={-1}>
          {t("guest.summary.title")}
        </h2>
        {!empty && (
          <button type="button" className="link-button" onClick={clear}>
            {t("guest.summary.clear")}
          </button>
        )}
      </div>
      {empty ? (
        <p className="summary-empty muted">{hint ?? t("guest.summary.empty")}</p>
      ) : (
        <ul className="summary-lines">
          {lines.map((line) => (
            <li key={line.key}>
              <span className="summary-line-title">
                {line.title}
                {line.detail && <span className="summary-line-detail">{line.detail}</span>}
              </span>
              <span className="summary-line-amount">{formatMoney(fromCents(line.cents), event.currency)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="summary-total" data-testid="summary-total">
        <span>
          {t("guest.summary.total")}
          {!empty && <span className="muted"> · {unitsText ?? count("guest.n.items", units)}</span>}
        </span>
        <strong>
          {total} <TaxNote event={event} className="summary-tax" />
        </strong>
      </p>

      <div className="summary-live" role="status" aria-live="polite">
        {announcement && <p className="notice notice-warn">{announcement}</p>}
      </div>
      {notice}
      <HoldProblemNotice problem={problem} describeSlot={describeSlot} busy={busy} onReplaceHold={onReplaceHold} />

      <button
        type="button"
        className="btn btn-block btn-hold"
        onClick={onHold}
        disabled={empty || busy || !ready}
        aria-describedby="hold-hint"
      >
        {busy
          ? t("guest.hold.busy")
          : user
            ? t("guest.hold.button", { minutes: formatNumber(event.hold_minutes) })
            : t("guest.hold.signIn")}
      </button>
      <p id="hold-hint" className="summary-hint muted">
        {t("guest.hold.hint", { minutes: formatNumber(event.hold_minutes) })}
      </p>
    </aside>
  );
}

function HoldProblemNotice({
  problem,
  describeSlot,
  busy,
  onReplaceHold,
}: {
  problem: HoldProblem | null;
  describeSlot(slot: number): string;
  busy: boolean;
  onReplaceHold(): void;
}) {
  const { t, formatNumber } = useI18n();
  if (!problem) return null;
  if (problem.soldOut) {
    return (
      <div className="notice notice-error" role="alert">
        <div>
          <strong>{t("guest.soldOut.title")}</strong>
          {problem.soldOut.length > 0 && (
            <ul className="plain-list">
              {problem.soldOut.map((slot) => (
                <li key={slot.id}>
                  {t("guest.soldOut.line", {
                    what: describeSlot(slot.id),
                    requested: formatNumber(slot.requested),
                    available: formatNumber(slot.available),
                  })}
                </li>
              ))}
            </ul>
          )}
          <p>{t("guest.soldOut.refreshed")}</p>
        </div>
      </div>
    );
  }
  if (problem.existingHold) {
    return (
      <div className="notice notice-warn" role="alert">
        <p>{t("guest.hold.existing")}</p>
        <div className="row">
          <Link className="btn btn-small" to={`/checkout/${problem.existingHold}`}>
            {t("guest.hold.continueExisting")}
          </Link>
          <button type="button" className="btn btn-small btn-secondary" onClick={onReplaceHold} disabled={busy}>
            {t("guest.hold.replaceExisting")}
          </button>
        </div>
      </div>
    );
  }
  return <ErrorNotice error={problem.error} />;
}
