/** Offering a ticket to another phone, cancelling that offer, and accepting one made to me. */
import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";
import { ApiError } from "../../../api/client";
import { useErrorText } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import { transfers } from "../api";
import type { Ticket, Transfer } from "../../../api/schema";
import { ltr } from "../../../shared/lib/bidi";
import { TextField } from "../../../components/Field";
import { Icon } from "../../../components/Icon";
import { Meta } from "../../../components/Meta";
import { senderShown } from "../lib/sender";

/** A message written when it is shown, so it follows a change of language. */
export type Say = (i18n: ReturnType<typeof useI18n>) => string;

const TRANSFER_ERRORS: Record<string, MessageKey> = {
  transfer_to_self: "checkout.transfer.err.self",
  transfer_pending: "checkout.transfer.err.pending",
  ticket_not_transferable: "checkout.transfer.err.notTransferable",
  transfer_expired: "checkout.transfer.err.expired",
  transfer_not_pending: "checkout.transfer.err.notPending",
};

export function useTransferErrorText(): (error: unknown) => string {
  const { t } = useI18n();
  const errorText = useErrorText();
  return (error) => {
    if (error instanceof ApiError) {
      const key = TRANSFER_ERRORS[error.code];
      if (key) return t(key);
      if (error.code === "validation_error" && error.field("phone")) return t("checkout.transfer.err.phone");
    }
    return errorText(error);
  };
}

export function TransferForm({
  ticket,
  onOffered,
  onClose,
}: {
  ticket: Ticket;
  onOffered(transfer: Transfer): void;
  onClose(): void;
}) {
  const { t, formatNumber } = useI18n();
  const errorText = useTransferErrorText();
  const [phone, setPhone] = useState("");
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const phoneInput = useRef<HTMLInputElement>(null);
  const base = `transfer-${ticket.id}`;

  useEffect(() => phoneInput.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!phone.trim()) {
      setError(t("checkout.transfer.err.phone"));
      phoneInput.current?.focus();
      return;
    }
    setBusy(true);
    setError("");
    try {
      onOffered(await transfers.offer(ticket.id, phone.trim(), name.trim()));
    } catch (failure) {
      setError(errorText(failure));
      phoneInput.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const onPhone = error === t("checkout.transfer.err.phone") || error === t("checkout.transfer.err.self");
  return (
    <form
      className="co-transfer stack"
      id={`${base}-form`}
      onSubmit={submit}
      noValidate
      aria-labelledby={`${base}-title`}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !busy) onClose();
      }}
    >
      <h4 className="co-h4" id={`${base}-title`}>
        {t("checkout.transfer.title", { number: formatNumber(ticket.id) })}
      </h4>
      <p className="muted co-small">{t("checkout.transfer.intro")}</p>
      <div className="co-two">
        <TextField
          id={`${base}-phone`}
          ref={phoneInput}
          label={t("checkout.transfer.phone")}
          error={onPhone ? error : undefined}
          type="tel"
          autoComplete="off"
          dir="ltr"
          maxLength={32}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
        <TextField
          id={`${base}-name`}
          label={t("checkout.transfer.name")}
          autoComplete="off"
          maxLength={150}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      {error && !onPhone && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="btn btn-small" disabled={busy}>
          {busy ? t("checkout.transfer.sending") : t("checkout.transfer.send")}
        </button>
        <button type="button" className="btn btn-secondary btn-small" onClick={onClose}>
          {t("checkout.transfer.close")}
        </button>
      </div>
    </form>
  );
}

/** "Offered to … until …" with a cancel button, under a ticket that is on offer. */
export function PendingOffer({
  offer,
  onChanged,
  timeZone,
}: {
  offer: Transfer;
  onChanged(say: Say): void;
  timeZone?: string;
}) {
  const { t, formatDateTime } = useI18n();
  const errorText = useTransferErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  async function cancel() {
    setBusy(true);
    setError("");
    try {
      await transfers.cancel(offer.id);
      onChanged(({ t }) => t("checkout.transfer.cancelled"));
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  }

  return (
    <div className="co-offer" data-testid="pending-offer">
      <span>
        <Icon name="send" size={16} />{" "}
        {t("checkout.transfer.pending", { phone: ltr(offer.phone), when: formatDateTime(offer.expires_at, undefined, timeZone) })}
      </span>
      <button type="button" className="btn btn-secondary btn-small" onClick={cancel} disabled={busy}>
        {t("checkout.transfer.cancel")}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** An offer made to my phone, with "accept". */
export function IncomingOffer({
  offer,
  onAccepted,
  timeZone,
}: {
  offer: Transfer;
  onAccepted(say: Say): void;
  timeZone?: string;
}) {
  const { t, formatDateTime } = useI18n();
  const errorText = useTransferErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  async function accept() {
    setBusy(true);
    setError("");
    try {
      await transfers.accept(offer.id);
      onAccepted(({ t }) => t("checkout.mine.accepted"));
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  }

  return (
    <li className="card co-incoming" data-testid="incoming-offer">
      <div className="stack co-tight">
        <strong>{t("checkout.mine.incomingFrom", { sender: senderShown(offer, t("checkout.mine.someone")) })}</strong>
        <Meta>
          {offer.event_name}
          {offer.label}
        </Meta>
        <Meta className="muted co-small">
          {formatDateTime(offer.starts_at, undefined, timeZone)}
          {t("checkout.mine.incomingUntil", { when: formatDateTime(offer.expires_at, undefined, timeZone) })}
        </Meta>
      </div>
      <button type="button" className="btn" onClick={accept} disabled={busy}>
        {t("checkout.mine.accept")}
      </button>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
