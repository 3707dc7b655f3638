/** Small pieces the staff pages share: status badges, dialogs, times in the venue's zone. */
import { useEffect, useRef, useState } from "react";
import type { ReactNode } from "react";
import { useI18n } from "../../../i18n";
import { scanLabel, statusLabel } from "../lib/labels";
import { scanTone } from "../lib/scans";

const STATUS_ICONS: Record<string, string> = {
  pending_payment: "○",
  confirmed: "✓",
  in_progress: "▶",
  completed: "✔",
  cancelled: "✕",
  expired: "⌛",
  refunded: "↩",
  no_show: "⊘",
};

/** A booking status: a word and a symbol, coloured (never the colour alone). */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span className={`staff-status staff-status-${status}`} data-status={status}>
      <span aria-hidden="true">{STATUS_ICONS[status] ?? "•"}</span> {t(statusLabel(status))}
    </span>
  );
}

const TONE_ICONS = { ok: "✓", warn: "!", bad: "✕" } as const;

/** A scan result: admitted, already used, refused, with a symbol. */
export function ScanBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const tone = scanTone(status);
  return (
    <span className={`staff-scan-badge staff-tone-${tone}`} data-status={status}>
      <span aria-hidden="true">{TONE_ICONS[tone]}</span> {t(scanLabel(status))}
    </span>
  );
}

/**
 * A modal dialog on the platform's <dialog>: focus stays inside, Escape closes, focus goes
 * back where it was. `variant="drawer"` slides in from the inline end.
 */
export function Modal({
  open,
  onClose,
  labelledBy,
  variant = "dialog",
  children,
}: {
  open: boolean;
  onClose: () => void;
  labelledBy: string;
  variant?: "dialog" | "drawer";
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // Read while rendering: by the time effects run, autofocus inside has already moved focus.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  useEffect(() => {
    // Whatever had focus when the dialog appeared gets it back when it goes (also when the
    // dialog is removed rather than closed, which the platform does not cover).
    const dialog = ref.current;
    return () => {
      if (dialog?.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [opener]);
  return (
    <dialog
      ref={ref}
      className={`staff-modal staff-modal-${variant}`}
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="staff-modal-body">{children}</div>
    </dialog>
  );
}

/** Date and time in the venue's zone (staff work by the venue's clock). */
export function useVenueTime(timeZone: string | undefined) {
  const { formatDateTime } = useI18n();
  return {
    dateTime: (iso: string) => formatDateTime(iso, undefined, timeZone),
    time: (iso: string) => formatDateTime(iso, { dateStyle: undefined, timeStyle: "short" }, timeZone),
    timeSeconds: (iso: string) =>
      formatDateTime(iso, { dateStyle: undefined, timeStyle: "medium" }, timeZone),
  };
}
