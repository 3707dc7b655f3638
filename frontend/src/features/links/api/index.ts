/** The REST calls of the pages opened from links in our messages, and what they answer. */
import { api } from "../../../api/client";
import type { Ok, PasswordResetConfirmRequest, TicketLink } from "../../../api/schema";

/** GET /api/tickets/links/{token}/: the tickets of one booking its holder still holds. */
export function ticketLink(token: string): Promise<TicketLink> {
  return api<TicketLink>(`/api/tickets/links/${encodeURIComponent(token)}/`, { auth: "none" });
}

export function confirmPasswordReset(body: PasswordResetConfirmRequest): Promise<Ok> {
  return api<Ok>("/api/auth/password/reset/confirm/", { body, auth: "none" });
}
