import { describe, expect, it } from "vitest";
import {
  CODE_LENGTH,
  KeyRing,
  base32Decode,
  base32Encode,
  codeBody,
  formatTicketCode,
  normaliseCode,
  parseTicketCode,
} from "./ticketCode";

// Made by the backend's own layout (backend/tickets/codes.py) with the seed bytes 0..31:
// body = struct.pack(">BBIIH", 1, 1, 5, 812, 2), signed with Ed25519.
const BACKEND_KEY = "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=";
const BACKEND_CODE =
  "GH1AEAQAAAAAUAAAAZMAABOVWDTWKZVLB6CHGK4D2R3HMLNDWANN2SXUS3RWGXJNAJYMYUPBWNHIQJHQJDJ663TVI34VZUQWE5JALDMMQ6K7JEEEKH6YH7E34MUBU";

function flipLastLetter(code: string): string {
  const last = code.at(-2) === "A" ? "B" : "A";
  return code.slice(0, -2) + last + code.at(-1);
}

describe("base32", () => {
  it("round-trips bytes like RFC 4648 without padding", () => {
    expect(base32Encode(new TextEncoder().encode("foobar"))).toBe("MZXW6YTBOI");
    expect(new TextDecoder().decode(base32Decode("MZXW6YTBOI")!)).toBe("foobar");
  });

  it("refuses other letters and set unused bits", () => {
    expect(base32Decode("MZXW6YTBO1")).toBeNull();
    expect(base32Decode("mzxw6ytboi")).toBeNull();
    // "MZXW6YTBOI" ends with 2 unused zero bits; "MZXW6YTBOJ" sets one of them.
    expect(base32Decode("MZXW6YTBOJ")).toBeNull();
  });
});

describe("parseTicketCode", () => {
  it("reads the backend's byte layout", () => {
    expect(BACKEND_CODE).toHaveLength(CODE_LENGTH);
    const code = parseTicketCode(BACKEND_CODE)!;
    expect(code).toMatchObject({ format: 1, keyId: 1, eventId: 5, ticketId: 812, version: 2 });
    expect(code.body).toHaveLength(12);
    expect(code.signature).toHaveLength(64);
    expect(formatTicketCode(code.body, code.signature)).toBe(BACKEND_CODE);
  });

  it("refuses truncated, prefixed-wrong and non-canonical codes", () => {
    expect(parseTicketCode(BACKEND_CODE.slice(0, -1))).toBeNull();
    expect(parseTicketCode("GH2" + BACKEND_CODE.slice(3))).toBeNull();
    expect(parseTicketCode(BACKEND_CODE + "A")).toBeNull();
    expect(parseTicketCode("")).toBeNull();
    expect(parseTicketCode("https://example.com/" + "A".repeat(105))).toBeNull();
  });

  it("normalises what people type", () => {
    expect(normaliseCode("  gh1aeaq \n")).toBe("GH1AEAQ");
    expect(normaliseCode("GH1٢٣")).toBe("GH123");
  });
});

describe("KeyRing (WebCrypto Ed25519)", () => {
  it("verifies a code the backend signed, and nothing altered", async () => {
    const ring = new KeyRing({ "1": BACKEND_KEY });
    expect(await ring.verify(parseTicketCode(BACKEND_CODE)!)).toBe(true);
    const altered = parseTicketCode(flipLastLetter(BACKEND_CODE));
    expect(altered && (await ring.verify(altered))).toBe(false);
    // Another ticket id under the same signature.
    const code = parseTicketCode(BACKEND_CODE)!;
    const body = codeBody({ keyId: 1, eventId: 5, ticketId: 813, version: 2 });
    expect(await ring.verify({ ...code, body })).toBe(false);
  });

  it("refuses a key id it does not hold, and a bad key", async () => {
    const code = parseTicketCode(BACKEND_CODE)!;
    expect(await new KeyRing({ "2": BACKEND_KEY }).verify(code)).toBe(false);
    expect(await new KeyRing({ "1": "bm90IGEga2V5" }).verify(code)).toBe(false);
  });

  it("verifies codes signed with a key made here", async () => {
    const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
      "sign",
      "verify",
    ])) as CryptoKeyPair;
    const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
    const publicKey = btoa(String.fromCharCode(...raw));
    const body = codeBody({ keyId: 7, eventId: 42, ticketId: 123456, version: 3 });
    const signature = new Uint8Array(
      await crypto.subtle.sign({ name: "Ed25519" }, pair.privateKey, body),
    );
    const text = formatTicketCode(body, signature);
    const code = parseTicketCode(text)!;
    expect(code).toMatchObject({ keyId: 7, eventId: 42, ticketId: 123456, version: 3 });
    expect(await new KeyRing({ "7": publicKey }).verify(code)).toBe(true);
    expect(await new KeyRing({ "7": BACKEND_KEY }).verify(code)).toBe(false);
  });
});
