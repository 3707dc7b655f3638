/** Pieces the vendors and booths pages share: an application's status. */
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";

const STATUS_ICONS: Record<string, string> = { pending: "○", approved: "✓", rejected: "✕", revoked: "⊘" };

export function VendorStatus({ status }: { status: string }) {
  const { t } = useI18n();
  const known = status in STATUS_ICONS;
  return (
    <span className={`staff-status vb-status-${status}`} data-status={status}>
      <span aria-hidden="true">{STATUS_ICONS[status] ?? "•"}</span>{" "}
      {known ? t(`vendor.status.${status}` as MessageKey) : status}
    </span>
  );
}
