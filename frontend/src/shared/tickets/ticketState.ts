/** A ticket as every page that shows one reads it: its state, and its code for reading out. */
import type { Ticket } from "../../api/schema";

export type TicketState = "valid" | "used" | "void";

export function ticketState(ticket: Pick<Ticket, "status" | "admitted_at">): TicketState {
  if (ticket.status !== "valid") return "void";
  return ticket.admitted_at ? "used" : "valid";
}

/** The code under a QR image, in groups of five so it can be read out or compared. */
export function groupedCode(payload: string, size = 5): string {
  return payload.match(new RegExp(`.{1,${size}}`, "g"))?.join(" ") ?? "";
}
