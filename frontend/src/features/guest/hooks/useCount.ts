/** "1 night" / "3 nights": counted phrases (Arabic uses the same counter-neutral form for both). */
import type { MessageKey } from "../../../i18n";
import { useI18n } from "../../../i18n";

const ONE = {
  "guest.n.places": "guest.n.placesOne",
  "guest.n.nights": "guest.n.nightsOne",
  "guest.n.guests": "guest.n.guestsOne",
  "guest.n.items": "guest.n.itemsOne",
  "guest.n.roomsFree": "guest.n.roomsFreeOne",
  "guest.n.bays": "guest.n.baysOne",
  "guest.n.tickets": "guest.n.ticketsOne",
  "guest.n.slots": "guest.n.slotsOne",
  "guest.n.rooms": "guest.n.roomsOne",
} as const satisfies Record<string, MessageKey>;

export type Counted = keyof typeof ONE;

export function useCount(): (key: Counted, count: number) => string {
  const { t, formatNumber } = useI18n();
  return (key, count) => t(count === 1 ? ONE[key] : key, { count: formatNumber(count) });
}
