/** The guest's tickets of one booking (GET /api/tickets/?booking=), for every area that shows them. */
import { allPages } from "../../api/paging";
import type { Ticket, TicketPage } from "../../api/schema";

/** The signed-in guest's tickets of one booking. */
export function ticketsOfBooking(bookingId: string, signal?: AbortSignal): Promise<Ticket[]> {
  return allPages<TicketPage>(`/api/tickets/?booking=${encodeURIComponent(bookingId)}`, { signal });
}
