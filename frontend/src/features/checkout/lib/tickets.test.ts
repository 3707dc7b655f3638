import { describe, expect, it } from "vitest";
import type { Transfer } from "../../../api/schema";
import { canTransfer, groupByEvent, incomingOffers, pendingOffersByTicket } from "./tickets";

const ticket = (id: number, event: string, startsAt: string, extra: Record<string, unknown> = {}) => ({
  id,
  booking: (extra.booking as string | undefined) ?? "b1",
  event,
  event_name: event.toUpperCase(),
  starts_at: startsAt,
  status: "valid",
  admitted_at: null as string | null,
  ...extra,
});

const transfer = (ticketId: number, direction: "sent" | "received", status: Transfer["status"]) =>
  ({ id: `t${ticketId}${direction}`, ticket: ticketId, direction, status }) as Transfer;

describe("tickets", () => {
  it("filters by booking and groups by event, soonest first", () => {
    const all = [
      ticket(1, "fest", "2026-12-22T13:00:00Z"),
      ticket(2, "resort", "2026-12-01T14:00:00Z", { booking: "b2" }),
      ticket(3, "fest", "2026-12-22T13:00:00Z"),
    ];
    expect(groupByEvent(all).map((g) => [g.event, g.tickets.map((t) => t.id)])).toEqual([
      ["resort", [2]],
      ["fest", [1, 3]],
    ]);
  });

  it("knows open offers, incoming ones and what can be transferred", () => {
    const transfers = [
      transfer(1, "sent", "pending"),
      transfer(2, "sent", "cancelled"),
      transfer(7, "received", "pending"),
      transfer(8, "received", "accepted"),
    ];
    const open = pendingOffersByTicket(transfers);
    expect([...open.keys()]).toEqual([1]);
    expect(incomingOffers(transfers).map((t) => t.ticket)).toEqual([7]);
    expect(canTransfer({ id: 1, status: "valid", admitted_at: null }, open)).toBe(false);
    expect(canTransfer({ id: 2, status: "valid", admitted_at: null }, open)).toBe(true);
    expect(canTransfer({ id: 3, status: "void", admitted_at: null }, open)).toBe(false);
  });
});
