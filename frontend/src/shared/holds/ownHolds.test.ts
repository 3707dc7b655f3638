import { afterEach, describe, expect, it } from "vitest";
import type { Hold } from "../../api/schema";
import { forgetHold, knownHolds, rememberHold, replaceEventHolds } from "./ownHolds";

function hold(id: string, event = "goa", status: Hold["status"] = "active"): Hold {
  return {
    ok: true,
    id,
    event,
    status,
    expires_at: "2026-12-20T10:10:00Z",
    server_time: "2026-12-20T10:00:00Z",
    remaining_seconds: 600,
    extensions_left: 1,
    items: [{ slot: 7, quantity: 1, resource: 1, resource_name: "Room 1", starts_at: "", ends_at: "", unit_price: "1.00" }],
    total: "1.00",
    currency: "INR",
    topic: `hold:${id}`,
  };
}

afterEach(() => {
  for (const known of knownHolds()) forgetHold(known.id);
});

describe("the tab's record of the guest's holds", () => {
  it("remembers a new hold and forgets it when it ends", () => {
    rememberHold(hold("a"), 0);
    expect(knownHolds().map((known) => known.id)).toEqual(["a"]);
    rememberHold(hold("a", "goa", "converted"), 0);
    expect(knownHolds()).toEqual([]);
  });

  it("takes the server's list for an event, but keeps a hold made after it was asked for", () => {
    rememberHold(hold("old"), 100);
    rememberHold(hold("elsewhere", "other"), 100);
    rememberHold(hold("new"), 300);
    replaceEventHolds("goa", [hold("server")], 200, 400);
    expect(knownHolds().map((known) => known.id).sort()).toEqual(["elsewhere", "new", "server"]);
  });
});
