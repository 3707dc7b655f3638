/** A status as a badge: a word and an icon, never colour alone (a ticket's here; bookings' and transfers' in checkout). */
import { Icon } from "../../components/Icon";
import type { IconName } from "../../components/Icon";
import { useI18n } from "../../i18n";
import type { TicketState } from "./ticketState";

export type Tone = "ok" | "warn" | "bad" | "info";

const ICONS: Record<Tone, IconName> = { ok: "check", warn: "pending", bad: "cross", info: "dot" };

export function Badge({ tone, text }: { tone: Tone; text: string }) {
  return (
    <span className={`badge co-badge co-badge-${tone}`}>
      <Icon name={ICONS[tone]} size={14} /> {text}
    </span>
  );
}

const TICKET_TONES: Record<TicketState, Tone> = { valid: "ok", used: "info", void: "bad" };

export function TicketStatusBadge({ state }: { state: TicketState }) {
  const { t } = useI18n();
  return <Badge tone={TICKET_TONES[state]} text={t(`checkout.ticket.status.${state}`)} />;
}
