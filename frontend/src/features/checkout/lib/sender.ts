/**
 * Who offers a ticket, as its receiver sees it: the sender's name and masked phone
 * ("Sara (+966 ••• 678)"), either alone, or `someone` when the offer says neither. The server
 * masks the phone (country code and last three digits); each part is isolated so that a
 * right-to-left page keeps it in order. Pure.
 */
import type { Transfer } from "../../../api/schema";
import { isolate, ltr } from "../../../shared/lib/bidi";

export function senderShown(offer: Pick<Transfer, "sender_name" | "sender_phone">, someone: string): string {
  const name = offer.sender_name.trim();
  const phone = offer.sender_phone ? ltr(offer.sender_phone) : "";
  if (name && phone) return `${isolate(name)} (${phone})`;
  return name ? isolate(name) : phone || isolate(someone);
}
