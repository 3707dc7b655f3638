/**
 * The account's e-mail and phone, each with its verified badge. The e-mail: change it (it is
 * unverified until its new link is opened) and "send the link again". The phone: add or change
 * it by a texted code (POST /api/auth/phone/, then /api/auth/phone/verify/); a number held by
 * another account that is more than a phone sign-in is refused (409 phone_taken).
 */
import { useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { ApiError, isApiError } from "../../../api/client";
import { TextField } from "../../../components/Field";
import { usePhoneFormat } from "../../../components/PhoneHint";
import { ErrorNotice } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { codeDigits } from "../../../i18n/digits";
import { normalisePhone } from "../../../shared/auth/otp";
import { session } from "../../../shared/auth/session";
import { ltr } from "../../../shared/lib/bidi";
import { requestPhoneCode, resendVerification, updateMe, verifyPhoneCode } from "../api";
import type { Account } from "../api";
import { waitSeconds } from "../lib/forms";
import { useWait } from "../hooks/useWait";

export function Badge({ verified }: { verified: boolean }) {
  const { t } = useI18n();
  return (
    <span className={`badge ${verified ? "badge-ok" : "badge-warn"}`}>
      {verified ? t("account.verified") : t("account.unverified")}
    </span>
  );
}

/** 429: start the countdown; anything else: keep it to show. */
function useRefusal() {
  const wait = useWait();
  const [error, setError] = useState<unknown>(null);
  return {
    wait,
    error,
    clear() {
      setError(null);
    },
    take(caught: unknown) {
      const seconds = caught instanceof ApiError ? waitSeconds(caught) : null;
      if (seconds) wait.start(seconds);
      else setError(caught);
    },
  };
}

function WaitNotice({ text }: { text: string }) {
  if (!text) return null;
  return (
    <p className="notice notice-error account-flush" role="alert">
      {text}
    </p>
  );
}

export function EmailSection({ user }: { user: Account }) {
  const { t } = useI18n();
  const id = useId();
  const [email, setEmail] = useState(user.email ?? "");
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const refusal = useRefusal();
  const verified = Boolean(user.email && user.email_verified);
  const changed = email.trim() !== (user.email ?? "");

  async function save(event: FormEvent) {
    event.preventDefault();
    const address = email.trim();
    setNotice("");
    setFieldError(undefined);
    refusal.clear();
    if (!address || !changed) return;
    setBusy(true);
    try {
      await updateMe({ email: address });
      await session.loadMe();
      setNotice(t("account.email.saved", { email: ltr(address) }));
    } catch (caught) {
      if (caught instanceof ApiError && caught.field("email")) setFieldError(caught.field("email"));
      else refusal.take(caught);
    } finally {
      setBusy(false);
    }
  }

  async function resend() {
    setBusy(true);
    setNotice("");
    refusal.clear();
    try {
      await resendVerification();
      setNotice(t("account.email.resent", { email: ltr(user.email ?? "") }));
    } catch (caught) {
      refusal.take(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card stack account-section" aria-labelledby={`${id}-title`}>
      <div className="account-head">
        <h2 id={`${id}-title`}>{t("account.email.title")}</h2>
        {user.email && <Badge verified={verified} />}
      </div>
      {user.email ? (
        <p className="account-value" data-testid="account-email">
          <span dir="ltr">{user.email}</span>
        </p>
      ) : (
        <p className="muted account-flush">{t("account.email.none")}</p>
      )}
      {user.email && !verified && (
        <>
          <p className="muted account-flush account-small">{t("account.email.unverifiedNote")}</p>
          <button type="button" className="btn btn-secondary" onClick={resend} disabled={busy || refusal.wait.waiting}>
            {t("account.email.resend")}
          </button>
        </>
      )}
      <form className="stack" onSubmit={save} noValidate aria-busy={busy}>
        <TextField
          id={`${id}-email`}
          label={t("account.email.label")}
          type="email"
          inputMode="email"
          autoComplete="email"
          dir="ltr"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError}
        />
        <button type="submit" className="btn btn-secondary" disabled={busy || !changed || !email.trim()}>
          {t("account.email.save")}
        </button>
      </form>
      {notice && (
        <p className="notice notice-ok account-flush" role="status">
          {notice}
        </p>
      )}
      <WaitNotice text={refusal.wait.text} />
      <ErrorNotice error={refusal.error} />
    </section>
  );
}

interface Sent {
  phone: string;
  requestId: string;
}

export function PhoneSection({ user }: { user: Account }) {
  const { t } = useI18n();
  const id = useId();
  const format = usePhoneFormat(null);
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState("");
  const [code, setCode] = useState("");
  const [sent, setSent] = useState<Sent | null>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState("");
  const [done, setDone] = useState("");
  const refusal = useRefusal();
  const phoneInput = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const verified = Boolean(user.phone && user.phone_verified);

  function reset() {
    setOpen(false);
    setSent(null);
    setCode("");
    setMissing("");
    refusal.clear();
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    const number = normalisePhone(phone);
    refusal.clear();
    setDone("");
    if (!number.replace("+", "")) {
      setMissing(t("account.phone.missing"));
      phoneInput.current?.focus();
      return;
    }
    setMissing("");
    setBusy(true);
    try {
      const answer = await requestPhoneCode(number);
      setSent({ phone: number, requestId: answer.request_id });
      setCode("");
      setTimeout(() => codeInput.current?.focus(), 0);
    } catch (caught) {
      refusal.take(caught);
    } finally {
      setBusy(false);
    }
  }

  async function verify(event: FormEvent) {
    event.preventDefault();
    if (!sent) return;
    refusal.clear();
    if (!codeDigits(code)) {
      setMissing(t("account.phone.codeMissing"));
      codeInput.current?.focus();
      return;
    }
    setMissing("");
    setBusy(true);
    try {
      await verifyPhoneCode(sent.requestId, codeDigits(code));
      await session.loadMe();
      const confirmed = (session.user as Account | null)?.phone || sent.phone;
      setDone(t("account.phone.done", { phone: ltr(confirmed) }));
      reset();
      setPhone("");
    } catch (caught) {
      refusal.take(caught);
    } finally {
      setBusy(false);
    }
  }

  const taken = isApiError(refusal.error, "phone_taken");
  return (
    <section className="card stack account-section" aria-labelledby={`${id}-title`}>
      <div className="account-head">
        <h2 id={`${id}-title`}>{t("account.phone.title")}</h2>
        {user.phone && <Badge verified={verified} />}
      </div>
      {user.phone ? (
        <p className="account-value" data-testid="account-phone">
          <span dir="ltr">{user.phone}</span>
        </p>
      ) : (
        <p className="muted account-flush">{t("account.phone.none")}</p>
      )}
      {done && (
        <p className="notice notice-ok account-flush" role="status">
          {done}
        </p>
      )}
      {!open ? (
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)}>
          {user.phone ? t("account.phone.change") : t("account.phone.add")}
        </button>
      ) : !sent ? (
        <form className="stack" onSubmit={send} noValidate aria-busy={busy}>
          <TextField
            id={`${id}-phone`}
            ref={phoneInput}
            label={t("account.phone.label")}
            hint={format.hint}
            placeholder={format.placeholder}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            dir="ltr"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            error={missing || undefined}
            autoFocus
          />
          <div className="row">
            <button type="submit" className="btn" disabled={busy || refusal.wait.waiting}>
              {busy ? t("account.phone.sending") : t("account.phone.send")}
            </button>
            <button type="button" className="btn btn-ghost" onClick={reset}>
              {t("account.phone.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <form className="stack" onSubmit={verify} noValidate aria-busy={busy}>
          <p className="account-flush">{t("account.phone.sentTo", { phone: ltr(sent.phone) })}</p>
          <TextField
            id={`${id}-code`}
            ref={codeInput}
            label={t("account.phone.code")}
            inputMode="numeric"
            autoComplete="one-time-code"
            dir="ltr"
            maxLength={12}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={missing || undefined}
          />
          <div className="row">
            <button type="submit" className="btn" disabled={busy || refusal.wait.waiting}>
              {busy ? t("account.phone.verifying") : t("account.phone.verify")}
            </button>
            <button type="button" className="btn btn-ghost" onClick={reset}>
              {t("account.phone.cancel")}
            </button>
          </div>
        </form>
      )}
      <WaitNotice text={refusal.wait.text} />
      {taken ? (
        <p className="notice notice-error account-flush" role="alert">
          {t("account.phone.taken")}
        </p>
      ) : (
        <ErrorNotice error={refusal.error} />
      )}
    </section>
  );
}
