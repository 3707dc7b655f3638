/**
 * A ticket's wallet passes: which wallets this deployment offers (GET /api/wallet/, asked once
 * per page load), where a ticket's passes are (the holder's own endpoints when signed in, the
 * signed link's for a guest who opened the tickets SMS), and the checks before showing or
 * following them.
 */
import { api } from "../../api/client";
import type { GoogleSave, Ticket, Wallets } from "../../api/schema";
import { downloadName } from "../lib/wording";
import type { TicketState } from "./ticketState";

/** Whose passes: the signed-in holder's, or those a signed tickets link opens. */
export type WalletSource = { kind: "mine" } | { kind: "link"; token: string };

export const MINE: WalletSource = { kind: "mine" };

export const PKPASS_TYPE = "application/vnd.apple.pkpass";

const GOOGLE_SAVE = "https://pay.google.com/gp/v/save/";

export interface WalletPaths {
  apple: string;
  google: string;
  auth: "user" | "none";
}

export function walletPaths(ticketId: number, source: WalletSource): WalletPaths {
  const base =
    source.kind === "link"
      ? `/api/tickets/links/${encodeURIComponent(source.token)}/${ticketId}/wallet/`
      : `/api/tickets/${ticketId}/wallet/`;
  return { apple: `${base}apple.pkpass`, google: `${base}google/`, auth: source.kind === "link" ? "none" : "user" };
}

/** The pass's file name after the ticket's reference, as the server names it. */
export function pkpassFilename(ticket: Pick<Ticket, "reference" | "event_kind">): string {
  return downloadName(ticket.event_kind, ticket.reference, "pkpass");
}

/** The buttons a ticket gets: only for a valid ticket, only for a wallet that is offered. */
export function walletButtons(offered: Wallets | null | undefined, state: TicketState): { apple: boolean; google: boolean } {
  const valid = state === "valid";
  return { apple: valid && !!offered?.apple, google: valid && !!offered?.google };
}

/** Only Google's own save page is followed: the answer decides where the browser goes. */
export function isGoogleSaveUrl(url: unknown): url is string {
  return typeof url === "string" && url.startsWith(GOOGLE_SAVE) && url.length > GOOGLE_SAVE.length;
}

let offered: Promise<Wallets> | null = null;

/** The wallets offered here, asked once; a failed answer offers none (and is asked again next time). */
export function offeredWallets(): Promise<Wallets> {
  offered ??= api<Wallets>("/api/wallet/", { auth: "none" }).catch(() => {
    offered = null;
    return { ok: false, apple: false, google: false };
  });
  return offered;
}

/** The ticket's "save to Google Wallet" link. */
export async function googleSaveUrl(paths: WalletPaths): Promise<string> {
  const answer = await api<GoogleSave>(paths.google, { auth: paths.auth });
  if (!isGoogleSaveUrl(answer.save_url)) throw new Error("unexpected save_url");
  return answer.save_url;
}
