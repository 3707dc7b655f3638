import { beforeAll, describe, expect, it } from "vitest";
import { indexBundle, isOfflineBundle, judgeOffline } from "./offline";
import type { BundleIndex, OfflineBundle, SeenAdmission } from "./offline";
import { codeBody, formatTicketCode } from "./ticketCode";

let privateKey: CryptoKey;
let publicKey: string;

beforeAll(async () => {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  privateKey = pair.privateKey;
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  publicKey = btoa(String.fromCharCode(...raw));
});

async function sign(ticketId: number, { eventId = 5, version = 1, keyId = 1, format = 1 } = {}) {
  const body = codeBody({ keyId, eventId, ticketId, version, format });
  const signature = new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, privateKey, body));
  return formatTicketCode(body, signature);
}

function bundle(mode = "single"): OfflineBundle {
  return {
    gate: { id: 3, name: "North gate", mode, event: 5 },
    public_keys: { "1": publicKey },
    tickets: [
      { id: 10, version: 1, status: "valid", admitted: false },
      { id: 11, version: 1, status: "valid", admitted: true },
      { id: 12, version: 2, status: "valid", admitted: false },
      { id: 13, version: 1, status: "void", admitted: false },
      { id: 14, version: 1, status: "unpaid", admitted: false },
    ],
    revoked: [13],
  };
}

const nobody = () => undefined;

describe("judgeOffline", () => {
  let index: BundleIndex;
  beforeAll(() => {
    index = indexBundle(bundle());
  });

  it("admits a valid ticket once, and queues it", async () => {
    expect(await judgeOffline(await sign(10), index, nobody)).toEqual({
      status: "admitted",
      ticketId: 10,
      firstAdmittedAt: null,
      firstGate: null,
      queue: true,
    });
  });

  it("says already used, with when and where, for a ticket this station saw go in", async () => {
    const seen: SeenAdmission = { at: "2026-12-21T16:02:11Z", gate: { id: 3, name: "North gate" } };
    const decision = await judgeOffline(await sign(10), index, (id) => (id === 10 ? seen : undefined));
    expect(decision).toMatchObject({
      status: "already_used",
      firstAdmittedAt: seen.at,
      firstGate: seen.gate,
      queue: false,
    });
  });

  it("says already used for a ticket admitted before the bundle was made", async () => {
    expect(await judgeOffline(await sign(11), index, nobody)).toMatchObject({
      status: "already_used",
      firstAdmittedAt: null,
      queue: false,
    });
  });

  it("refuses in the server's order", async () => {
    const judge = async (qr: string) => (await judgeOffline(qr, index, nobody)).status;
    expect(await judge("GH1NOTACODE")).toBe("invalid");
    expect(await judge(await sign(10, { keyId: 2 }))).toBe("invalid");
    expect(await judge(await sign(10, { eventId: 6 }))).toBe("wrong_event");
    expect(await judge(await sign(12, { version: 1 }))).toBe("void");
    expect(await judge(await sign(13))).toBe("void");
    expect(await judge(await sign(14))).toBe("unpaid");
    expect(await judge(await sign(99))).toBe("not_listed");
  });

  it("refuses a forged signature", async () => {
    const real = await sign(10);
    const other = await sign(11);
    // ticket 10's body with ticket 11's signature
    const forged = real.slice(0, 23) + other.slice(23);
    expect((await judgeOffline(forged, index, nobody)).status).toBe("invalid");
  });

  it("leaves a vendor's setup code to the server (its id is no ticket's)", async () => {
    // Vendor 10 has the id of a valid ticket: it must not be admitted as that ticket.
    expect(await judgeOffline(await sign(10, { format: 2 }), index, nobody)).toEqual({
      status: "setup_offline",
      ticketId: null,
      firstAdmittedAt: null,
      firstGate: null,
      queue: false,
    });
    expect((await judgeOffline(await sign(10, { format: 2, eventId: 6 }), index, nobody)).status).toBe("wrong_event");
    expect((await judgeOffline(await sign(10, { format: 3 }), index, nobody)).status).toBe("invalid");
  });

  it("cannot decide without a bundle", async () => {
    expect((await judgeOffline(await sign(10), null, nobody)).status).toBe("no_list");
  });

  it("lets people in and out of a re-entry gate, uploading only the first admission", async () => {
    const reentry = indexBundle(bundle("reentry"));
    expect(await judgeOffline(await sign(10), reentry, nobody)).toMatchObject({
      status: "admitted",
      queue: true,
    });
    expect(await judgeOffline(await sign(11), reentry, nobody)).toMatchObject({
      status: "admitted",
      queue: false,
    });
    expect(await judgeOffline(await sign(10), reentry, nobody, "out")).toMatchObject({
      status: "exited",
      queue: false,
    });
  });
});

describe("isOfflineBundle", () => {
  it("accepts the server's shape and nothing else", () => {
    expect(isOfflineBundle({ ok: true, ...bundle() })).toBe(true);
    expect(isOfflineBundle({ gate: { id: 1 } })).toBe(false);
    expect(isOfflineBundle(null)).toBe(false);
  });
});
