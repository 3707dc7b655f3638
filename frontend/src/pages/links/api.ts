/** The REST calls of the pages opened from links in our messages, and what they answer. */
import { api } from "../../api/client";
import type { BookingStatus, Ticket } from "../../lib/bookings";

export interface TicketLinkEvent {
  slug: string;
  name: string;
  starts_at: string;
  ends_at: string;
  venue: string;
  city: string;
  address: string;
  time_zone: string;
}

/** GET /api/tickets/links/{token}/: the tickets of one booking its holder still holds. */
export interface TicketLink {
  booking: string;
  reference: string;
  status: BookingStatus;
  language: string;
  event: TicketLinkEvent;
  tickets: Ticket[];
}

export function ticketLink(token: string): Promise<TicketLink> {
  return api<TicketLink>(`/api/tickets/links/${encodeURIComponent(token)}/`, { auth: "none" });
}

/** E-mail a reset link; the server answers the same whether or not the address has an account. */
export function requestPasswordReset(email: string): Promise<unknown> {
  return api("/api/auth/password/reset/", { body: { email }, auth: "none" });
}

export function confirmPasswordReset(body: { uid: string; token: string; new_password: string }): Promise<unknown> {
  return api("/api/auth/password/reset/confirm/", { body, auth: "none" });
}
