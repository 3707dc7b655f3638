/** Tickets and transfers as "my bookings" arranges them. */
import type { Ticket, Transfer } from "../../../api/schema";
import { ticketState } from "../../../shared/tickets/ticketState";

export interface EventGroup<T> {
  event: string;
  eventName: string;
  startsAt: string;
  tickets: T[];
}

/** Tickets by event, the soonest event first (tickets keep their order within an event). */
export function groupByEvent<T extends Pick<Ticket, "event" | "event_name" | "starts_at">>(
  tickets: readonly T[],
): EventGroup<T>[] {
  const groups = new Map<string, EventGroup<T>>();
  for (const ticket of tickets) {
    const group = groups.get(ticket.event);
    if (group) {
      group.tickets.push(ticket);
      if (ticket.starts_at < group.startsAt) group.startsAt = ticket.starts_at;
    } else {
      groups.set(ticket.event, {
        event: ticket.event,
        eventName: ticket.event_name,
        startsAt: ticket.starts_at,
        tickets: [ticket],
      });
    }
  }
  return [...groups.values()].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** The open offer of each ticket I sent (one at most per ticket). */
export function pendingOffersByTicket(transfers: readonly Transfer[]): Map<number, Transfer> {
  const open = new Map<number, Transfer>();
  for (const transfer of transfers) {
    if (transfer.direction === "sent" && transfer.status === "pending") open.set(transfer.ticket, transfer);
  }
  return open;
}

/** Offers made to me that I can still accept. */
export function incomingOffers(transfers: readonly Transfer[]): Transfer[] {
  return transfers.filter((transfer) => transfer.direction === "received" && transfer.status === "pending");
}

/** The ticket can be offered: valid, not used, no open offer. */
export function canTransfer(ticket: Pick<Ticket, "id" | "status" | "admitted_at">, open: Map<number, Transfer>): boolean {
  return ticketState(ticket) === "valid" && !open.has(ticket.id);
}
