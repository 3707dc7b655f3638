/**
 * "Add to Apple Wallet" and "Save to Google Wallet" for a valid ticket, each shown only when this
 * deployment offers that wallet (GET /api/wallet/). Apple's downloads the ticket's .pkpass (which
 * the phone opens in Wallet); Google's asks for the save link and goes there.
 */
import { useEffect, useState } from "react";
import type { Ticket, Wallets } from "../../api/schema";
import { DownloadButton } from "../../components/DownloadButton";
import { Icon } from "../../components/Icon";
import { useErrorText } from "../../components/ui";
import { useI18n } from "../../i18n";
import { ltr } from "../lib/bidi";
import { wordsOf } from "../lib/wording";
import { ticketState } from "./ticketState";
import {
  PKPASS_TYPE,
  googleSaveUrl,
  offeredWallets,
  pkpassFilename,
  walletButtons,
  walletPaths,
} from "./wallet";
import type { WalletPaths, WalletSource } from "./wallet";

/** The wallets offered here (null until known: no buttons meanwhile). */
export function useOfferedWallets(): Wallets | null {
  const [wallets, setWallets] = useState<Wallets | null>(null);
  useEffect(() => {
    let live = true;
    void offeredWallets().then((answer) => {
      if (live) setWallets(answer);
    });
    return () => {
      live = false;
    };
  }, []);
  return wallets;
}

export function WalletButtons({
  ticket,
  source,
}: {
  ticket: Pick<Ticket, "id" | "status" | "admitted_at" | "reference" | "event_kind">;
  source: WalletSource;
}) {
  const { t } = useI18n();
  const shown = walletButtons(useOfferedWallets(), ticketState(ticket));
  if (!shown.apple && !shown.google) return null;
  const paths = walletPaths(ticket.id, source);
  const which = t(wordsOf(ticket.event_kind).document, { reference: ltr(ticket.reference) });
  return (
    <div className="wallet-buttons" data-testid="wallet-buttons">
      {shown.apple && (
        <DownloadButton
          path={paths.apple}
          filename={pkpassFilename(ticket)}
          options={{ auth: paths.auth, type: PKPASS_TYPE }}
          className="wallet-btn wallet-btn-apple"
          icon={false}
          hiddenLabel={which}
          testId="wallet-apple"
        >
          <Icon name="wallet" size={20} />
          <span className="wallet-btn-label">{t("checkout.wallet.apple")}</span>
        </DownloadButton>
      )}
      {shown.google && <GoogleWalletButton paths={paths} which={which} />}
    </div>
  );
}

function GoogleWalletButton({ paths, which }: { paths: WalletPaths; which: string }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  async function open() {
    setBusy(true);
    setError("");
    try {
      window.location.assign(await googleSaveUrl(paths));
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="wallet-btn wallet-btn-google"
        onClick={open}
        disabled={busy}
        aria-busy={busy}
        data-testid="wallet-google"
      >
        <Icon name="wallet" size={20} />
        <span className="wallet-btn-label">{busy ? t("checkout.wallet.opening") : t("checkout.wallet.google")}</span>
        <span className="visually-hidden"> — {which}</span>
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
