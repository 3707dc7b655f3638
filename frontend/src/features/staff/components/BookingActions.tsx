/** The buttons a booking gets from the workflow, with a confirmation for money and cancelling. */
import { useId, useState } from "react";
import { ErrorNotice } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { runAction } from "../api/bookings";
import { Modal } from "./parts";
import { actionLabel, STATUS_LABELS } from "../lib/labels";
import type { Booking } from "../../../api/schema";
import { actionKey, needsConfirmation, staffActions } from "../lib/workflow";
import type { StaffAction } from "../lib/workflow";

function ConfirmAction({
  booking,
  action,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  booking: Booking;
  action: StaffAction;
  busy: boolean;
  error: unknown;
  onConfirm: (refund: boolean) => void;
  onClose: () => void;
}) {
  const { t, formatMoney } = useI18n();
  const id = useId();
  const refundable = action.kind === "cancel" && action.refundable;
  const [refund, setRefund] = useState(refundable);
  const money = formatMoney(booking.amount, booking.currency);
  const vars = { reference: booking.reference, amount: money, name: booking.contact.name || booking.reference };
  const texts: Record<StaffAction["kind"], { title: string; body: string; go: string }> = {
    mark_paid: {
      title: t("staff.confirm.markPaid.title"),
      body: t("staff.confirm.markPaid.body", vars),
      go: t("staff.confirm.markPaid.go"),
    },
    comp: { title: t("staff.confirm.comp.title"), body: t("staff.confirm.comp.body", vars), go: t("staff.confirm.comp.go") },
    cancel: {
      title: t("staff.confirm.cancel.title"),
      body: t("staff.confirm.cancel.body", vars),
      go: refund ? t("staff.confirm.cancel.goRefund") : t("staff.confirm.cancel.go"),
    },
    refund: {
      title: t("staff.confirm.refund.title"),
      body: t("staff.confirm.refund.body", vars),
      go: t("staff.confirm.refund.go"),
    },
    status: { title: "", body: "", go: "" },
  };
  const text = texts[action.kind];
  const danger = action.kind === "cancel" || action.kind === "refund";
  return (
    <Modal open onClose={onClose} labelledBy={`${id}-title`}>
      <form
        method="dialog"
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm(refund);
        }}
      >
        <h2 id={`${id}-title`} className="staff-modal-title">
          {text.title}
        </h2>
        <p>{text.body}</p>
        {refundable && (
          <label className="staff-check">
            <input type="checkbox" checked={refund} onChange={(event) => setRefund(event.target.checked)} />
            <span>{t("staff.confirm.cancel.refund", { amount: money })}</span>
          </label>
        )}
        <ErrorNotice error={error} />
        <div className="row staff-modal-buttons">
          <button type="button" className="btn btn-secondary" onClick={onClose} autoFocus>
            {t("staff.confirm.back")}
          </button>
          <button type="submit" className={danger ? "btn btn-danger" : "btn"} disabled={busy}>
            {busy ? t("staff.busy") : text.go}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function BookingActions({
  booking,
  kind,
  onChanged,
  size = "small",
}: {
  booking: Booking;
  /** The event's kind: which workflow steps apply. */
  kind: string;
  onChanged: (booking: Booking, message: string) => void;
  size?: "small" | "normal";
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<StaffAction | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const actions = staffActions(booking, kind);
  if (actions.length === 0) return null;

  async function run(action: StaffAction, refund = false) {
    setBusy(actionKey(action));
    setError(null);
    try {
      const updated = await runAction(booking, action, refund);
      setAsking(null);
      onChanged(
        updated,
        t("staff.bookings.changed", { reference: updated.reference, status: t(STATUS_LABELS[updated.status]) }),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  const buttonClass = (action: StaffAction, index: number) => {
    const base = size === "small" ? "btn btn-small" : "btn";
    if (action.kind === "cancel" || action.kind === "refund") return `${base} btn-secondary staff-btn-danger-text`;
    return index === 0 ? base : `${base} btn-secondary`;
  };

  return (
    <div className="staff-actions" role="group" aria-label={t("staff.bookings.actionsFor", { reference: booking.reference })}>
      {actions.map((action, index) => (
        <button
          key={actionKey(action)}
          type="button"
          className={buttonClass(action, index)}
          data-action={actionKey(action)}
          disabled={busy !== null}
          onClick={() => (needsConfirmation(action) ? (setError(null), setAsking(action)) : void run(action))}
        >
          {busy === actionKey(action) ? t("staff.busy") : t(actionLabel(action))}
        </button>
      ))}
      {!asking && <ErrorNotice error={error} />}
      {asking && (
        <ConfirmAction
          booking={booking}
          action={asking}
          busy={busy !== null}
          error={error}
          onConfirm={(refund) => void run(asking, refund)}
          onClose={() => setAsking(null)}
        />
      )}
    </div>
  );
}
