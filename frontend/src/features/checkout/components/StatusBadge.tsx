/** A booking's or transfer's status as a badge (shared/tickets/StatusBadge.tsx draws it). */
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import { Badge } from "../../../shared/tickets/StatusBadge";
import type { Tone } from "../../../shared/tickets/StatusBadge";
import { statusTone } from "../lib/bookingStatus";

export function BookingStatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const key = `checkout.status.${status}` as MessageKey;
  return <Badge tone={statusTone(status)} text={t(key)} />;
}

export function TransferStatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const tone: Tone = status === "pending" ? "warn" : status === "accepted" ? "ok" : "bad";
  return <Badge tone={tone} text={t(`checkout.transfer.status.${status}` as MessageKey)} />;
}
