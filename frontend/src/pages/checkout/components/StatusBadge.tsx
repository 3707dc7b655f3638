/** A booking's or ticket's status as a badge: a word and an icon, never colour alone. */
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import { Icon } from "./Icon";
import type { IconName } from "./Icon";
import { statusTone } from "../lib/bookingStatus";
import type { Tone } from "../lib/bookingStatus";
import type { TicketState } from "../lib/tickets";

const ICONS: Record<Tone, IconName> = { ok: "check", warn: "pending", bad: "cross", info: "dot" };

function Badge({ tone, text }: { tone: Tone; text: string }) {
  return (
    <span className={`badge co-badge co-badge-${tone}`}>
      <Icon name={ICONS[tone]} size={14} /> {text}
    </span>
  );
}

export function BookingStatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const key = `checkout.status.${status}` as MessageKey;
  return <Badge tone={statusTone(status)} text={t(key)} />;
}

const TICKET_TONES: Record<TicketState, Tone> = { valid: "ok", used: "info", void: "bad" };

export function TicketStatusBadge({ state }: { state: TicketState }) {
  const { t } = useI18n();
  return <Badge tone={TICKET_TONES[state]} text={t(`checkout.ticket.status.${state}`)} />;
}

export function TransferStatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const tone: Tone = status === "pending" ? "warn" : status === "accepted" ? "ok" : "bad";
  return <Badge tone={tone} text={t(`checkout.transfer.status.${status}` as MessageKey)} />;
}
