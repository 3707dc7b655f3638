/**
 * A ticket's QR code, read and checked without the network (docs/tickets.md):
 *
 *   "GH1" + RFC 4648 base32 (no padding) of
 *   format (1) | key id (1) | event id (4) | ticket id (4) | version (2) | Ed25519 signature (64)
 *
 * Format 1 is a ticket; format 2 a vendor's setup code (the vendor's id where the ticket's
 * is), signed with the same keys.
 *
 * The signature covers the first 12 bytes; integers are big-endian. A code that is not exactly
 * that (wrong length, other letters, unused bits set) is refused before any key is touched,
 * like the server does.
 */
import { latinDigits } from "../../../i18n/digits";

export const CODE_PREFIX = "GH1";
/** A ticket. */
export const CODE_FORMAT = 1;
/** A vendor's setup code: the same layout, the vendor's id in the ticket's place. */
export const SETUP_FORMAT = 2;
const FORMATS = new Set([CODE_FORMAT, SETUP_FORMAT]);
export const BODY_BYTES = 12;
export const SIGNATURE_BYTES = 64;
const RAW_BYTES = BODY_BYTES + SIGNATURE_BYTES;
const BASE32_CHARS = Math.ceil((RAW_BYTES * 8) / 5);
export const CODE_LENGTH = CODE_PREFIX.length + BASE32_CHARS; // 125

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export interface TicketCode {
  format: number;
  keyId: number;
  eventId: number;
  ticketId: number;
  version: number;
  /** The 12 signed bytes. */
  body: Uint8Array;
  signature: Uint8Array;
}

/** What someone typed or a camera read, as the server expects it: no spaces, capitals,
 * Latin digits (an Arabic keyboard types ٢ for 2). */
export function normaliseCode(input: string): string {
  return latinDigits(input).replace(/\s+/g, "").toUpperCase();
}

/** RFC 4648 base32 without padding; null for any other letter or set unused bits. */
export function base32Decode(text: string): Uint8Array | null {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) return null;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  // Left-over bits must be zero, or two texts would name the same bytes (non-canonical).
  if (bits > 0 && (buffer & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

export function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** The fields of a well-formed code (signature not checked yet), or null. */
export function parseTicketCode(code: string): TicketCode | null {
  if (code.length !== CODE_LENGTH || !code.startsWith(CODE_PREFIX)) return null;
  const raw = base32Decode(code.slice(CODE_PREFIX.length));
  if (!raw || raw.length !== RAW_BYTES) return null;
  const view = new DataView(raw.buffer, raw.byteOffset, BODY_BYTES);
  return {
    format: view.getUint8(0),
    keyId: view.getUint8(1),
    eventId: view.getUint32(2),
    ticketId: view.getUint32(6),
    version: view.getUint16(10),
    body: raw.slice(0, BODY_BYTES),
    signature: raw.slice(BODY_BYTES),
  };
}

/** The 12 signed bytes for these fields (tests sign them). */
export function codeBody(fields: Omit<TicketCode, "body" | "signature" | "format"> & { format?: number }) {
  const body = new Uint8Array(BODY_BYTES);
  const view = new DataView(body.buffer);
  view.setUint8(0, fields.format ?? CODE_FORMAT);
  view.setUint8(1, fields.keyId);
  view.setUint32(2, fields.eventId);
  view.setUint32(6, fields.ticketId);
  view.setUint16(10, fields.version);
  return body;
}

/** A code from its body and signature (the inverse of parseTicketCode). */
export function formatTicketCode(body: Uint8Array, signature: Uint8Array): string {
  const raw = new Uint8Array(RAW_BYTES);
  raw.set(body, 0);
  raw.set(signature, BODY_BYTES);
  return CODE_PREFIX + base32Encode(raw);
}

export function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The public keys of an offline bundle (key id → raw 32-byte key, base64), imported once
 * each for WebCrypto's Ed25519.
 */
export class KeyRing {
  private readonly imported = new Map<number, Promise<CryptoKey | null>>();

  constructor(
    private readonly publicKeys: Record<string, string>,
    private readonly subtle: SubtleCrypto = globalThis.crypto.subtle,
  ) {}

  has(keyId: number): boolean {
    return Object.hasOwn(this.publicKeys, String(keyId));
  }

  private key(keyId: number): Promise<CryptoKey | null> {
    let key = this.imported.get(keyId);
    if (!key) {
      const encoded = this.publicKeys[String(keyId)];
      key = encoded
        ? this.subtle
            .importKey("raw", base64Bytes(encoded) as BufferSource, { name: "Ed25519" }, false, [
              "verify",
            ])
            .catch(() => null)
        : Promise.resolve(null);
      this.imported.set(keyId, key);
    }
    return key;
  }

  /** True when the code's signature is one of these keys'. */
  async verify(code: TicketCode): Promise<boolean> {
    if (!FORMATS.has(code.format)) return false;
    const key = await this.key(code.keyId);
    if (!key) return false;
    try {
      return await this.subtle.verify(
        { name: "Ed25519" },
        key,
        code.signature as BufferSource,
        code.body as BufferSource,
      );
    } catch {
      return false;
    }
  }
}
