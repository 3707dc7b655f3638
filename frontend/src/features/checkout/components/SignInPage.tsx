/**
 * /signin?next=: three ways in. A texted code (the default): phone first, then the code, with
 * a resend countdown from the server's `resend_in`, clear refusals (attempts left, expired,
 * too many tries) and "change number"; the phone's hint shows the venue country of `?event=`
 * (or Saudi Arabia). An e-mail and password (POST /api/auth/login/). One link per OpenID
 * Connect provider the server offers (GET /api/auth/oidc/), which leaves for the provider and
 * comes back through /signin/oidc; a failure comes back here as `?oidc_error=`. Afterwards
 * the guest goes back to `next` (a path on this site).
 */
import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ApiError, isApiError } from "../../../api/client";
import { normalisePhone, requestOtp, verifyOtp } from "../../../shared/auth/otp";
import { useSession, useSessionReady } from "../../../components/SiteHeader";
import { Loading, PageTitle, useErrorText } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { codeDigits } from "../../../i18n/digits";
import { TextField } from "../../../components/Field";
import { PhoneField } from "../../../components/PhoneField";
import { ErrorNotice } from "../../../components/ui";
import { oidcLoginPath, oidcProviders, signInWithPassword } from "../../../shared/auth/password";
import type { OidcProvider } from "../../../shared/auth/password";
import { venueCountry, withCountryCode } from "../../../shared/lib/phoneCountry";
import { isNewUser } from "../../../shared/auth/session";
import { events } from "../api";
import { signInEvent } from "../lib/signinEvent";
import { useNow } from "../hooks/common";
import { isolate, ltr } from "../../../shared/lib/bidi";
import { formatClock, localDigits } from "../../../shared/lib/clock";

import { safeNext } from "../../../shared/auth/nextPath";
import { needsNewCode, otpErrorMessage } from "../lib/otpErrors";
import type { OtpMessage } from "../lib/otpErrors";
import "../../../shared/styles/checkout.css";

interface CodeStep {
  phone: string;
  requestId: string;
  expiresIn: number;
  resendAt: number;
}

interface Shown {
  message: OtpMessage;
  /** For "try again in …": when the wait ends (our clock). */
  until?: number;
}

function useMessageText() {
  const { t, lang, formatNumber } = useI18n();
  const errorText = useErrorText();
  const digits = localDigits(lang);
  const local = (vars?: Record<string, string | number>) =>
    vars &&
    Object.fromEntries(
      Object.entries(vars).map(([name, value]) => [name, typeof value === "number" ? formatNumber(value) : value]),
    );
  return (shown: Shown | null, now: number): string => {
    if (!shown) return "";
    const { message } = shown;
    if ("text" in message) return message.text || errorText(null);
    if (shown.until !== undefined) {
      const seconds = Math.max(0, Math.ceil((shown.until - now) / 1000));
      return t(message.key, { time: formatClock(seconds, digits) });
    }
    return t(message.key, local(message.vars));
  };
}

function toShown(error: unknown): Shown {
  if (error instanceof ApiError) {
    const message = otpErrorMessage(error);
    const wait = "key" in message ? message.wait : undefined;
    return wait ? { message, until: Date.now() + wait * 1000 } : { message };
  }
  return { message: { text: "" } };
}

type Method = "phone" | "email";

export default function SignInPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const named = params.get("event");
  const oidcError = params.get("oidc_error");
  const navigate = useNavigate();
  const ready = useSessionReady();
  const user = useSession();
  const [step, setStep] = useState<CodeStep | null>(null);
  const [phone, setPhone] = useState("");
  const [finished, setFinished] = useState(false);
  const [method, setMethod] = useState<Method>("phone");
  const { country: venue, event, name } = useSignInEvent(named, next);
  // The number is read in the venue's country unless the guest picks another.
  const [picked, setPicked] = useState<string | null>(null);
  const country = picked ?? venue;

  // Someone already signed in goes straight on.
  useEffect(() => {
    if (ready && user) navigate(next, { replace: true });
  }, [ready, user, next, navigate]);

  if (!ready) return <Loading />;

  const done = () => {
    setFinished(true);
    navigate(next, { replace: true });
  };
  const registerPath = next === "/" ? "/register" : `/register?next=${encodeURIComponent(next)}`;
  return (
    <main id="main" className="page narrow co-signin">
      <PageTitle title={t("checkout.signin.title")}>{t("checkout.signin.title")}</PageTitle>
      <p className="co-signin-why">{name ? t("checkout.signin.whyEvent", { event: isolate(name) }) : t("checkout.signin.why")}</p>
      {oidcError && (
        <p className="notice notice-error co-signin-oidc-error" role="alert">
          {t("checkout.signin.oidcError", { code: ltr(oidcError.slice(0, 60)) })}
        </p>
      )}
      <div className="card co-signin-card stack">
        {finished ? (
          <p role="status" className="notice notice-ok">
            {t(isNewUser() ? "checkout.signin.doneNew" : "checkout.signin.done")}
          </p>
        ) : (
          <>
            {!step && (
              <div className="co-signin-methods" role="group" aria-label={t("checkout.signin.how")}>
                {(["phone", "email"] as const).map((choice) => (
                  <button
                    key={choice}
                    type="button"
                    className="co-signin-method"
                    aria-pressed={method === choice}
                    onClick={() => setMethod(choice)}
                  >
                    {t(choice === "phone" ? "checkout.signin.byPhone" : "checkout.signin.byEmail")}
                  </button>
                ))}
              </div>
            )}
            {method === "email" ? (
              <EmailForm onDone={done} />
            ) : step ? (
              <CodeForm
                step={step}
                onResent={(sent) => setStep(sent)}
                onChangeNumber={() => setStep(null)}
                onDone={done}
                event={event}
              />
            ) : (
              <PhoneForm
                phone={phone}
                setPhone={setPhone}
                onSent={setStep}
                event={event}
                country={country}
                onCountry={setPicked}
              />
            )}
            {!step && <Providers next={next} />}
          </>
        )}
      </div>
      <p className="co-signin-register">
        {t("checkout.signin.noAccount")} <Link to={registerPath}>{t("checkout.signin.register")}</Link>
      </p>
    </main>
  );
}

/**
 * The event the sign-in is for and its venue country (null: none, or it does not say). The
 * code request names the event so the server reads a number in that country: always when the
 * link names it (`?event=`), and for the page the guest came from unless that event is for
 * its allowlist only (whose refusals would then stop the sign-in itself).
 */
function useSignInEvent(
  named: string | null,
  next: string,
): { country: string | null; event?: string; name?: string } {
  const slug = signInEvent(named, next);
  const [found, setFound] = useState<{
    slug: string;
    country: string | null;
    allowlistOnly: boolean;
    name?: string;
  } | null>(null);
  useEffect(() => {
    if (!slug) return;
    let live = true;
    events
      .get(slug)
      .then(
        (detail) =>
          live &&
          setFound({ slug, country: venueCountry(detail), allowlistOnly: detail.allowlist_only, name: detail.name }),
      )
      .catch(() => live && setFound({ slug, country: null, allowlistOnly: true }));
    return () => {
      live = false;
    };
  }, [slug]);
  const known = found && found.slug === slug ? found : null;
  if (named && slug === named) return { country: known?.country ?? null, event: named, name: known?.name };
  return {
    country: known?.country ?? null,
    event: known && !known.allowlistOnly ? known.slug : undefined,
    name: known?.name,
  };
}

function EmailForm({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const empty = !email.trim() || !password;
    setMissing(empty);
    setError(null);
    if (empty) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await signInWithPassword(email, password);
      onDone();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-busy={busy}>
      <TextField
        id="signin-email"
        ref={input}
        label={t("checkout.signin.email")}
        type="email"
        name="email"
        autoComplete="username"
        inputMode="email"
        dir="ltr"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        required
      />
      <TextField
        id="signin-password"
        label={t("checkout.signin.password")}
        type="password"
        name="password"
        autoComplete="current-password"
        dir="ltr"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      {missing && (
        <p className="notice notice-error" role="alert">
          {t("checkout.signin.emailMissing")}
        </p>
      )}
      {isApiError(error, "invalid_credentials") ? (
        <p className="notice notice-error" role="alert">
          {t("checkout.signin.wrongPassword")}
        </p>
      ) : (
        <ErrorNotice error={error} />
      )}
      <button type="submit" className="btn btn-block" disabled={busy}>
        {busy ? t("checkout.signin.emailBusy") : t("checkout.signin.emailSubmit")}
      </button>
      <Link className="co-signin-forgot" to="/forgot-password">
        {t("checkout.signin.forgot")}
      </Link>
    </form>
  );
}

/** One link per OpenID Connect provider the server offers; nothing when it offers none. */
function Providers({ next }: { next: string }) {
  const { t, lang } = useI18n();
  const [providers, setProviders] = useState<OidcProvider[]>([]);
  useEffect(() => {
    let live = true;
    oidcProviders()
      .then((found) => live && setProviders(found))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (providers.length === 0) return null;
  return (
    <div className="stack co-signin-providers">
      <p className="co-signin-or" aria-hidden="true">
        <span>{t("checkout.signin.or")}</span>
      </p>
      {providers.map((provider) => (
        <a key={provider.name} className="btn btn-secondary btn-block" href={oidcLoginPath(provider.name, next, lang)}>
          {t("checkout.signin.provider", { label: provider.label || provider.name })}
        </a>
      ))}
    </div>
  );
}

function PhoneForm({
  phone,
  setPhone,
  onSent,
  event,
  country,
  onCountry,
}: {
  phone: string;
  setPhone(value: string): void;
  onSent(step: CodeStep): void;
  event?: string;
  country: string | null;
  onCountry(country: string): void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const now = useNow(1000, shown?.until !== undefined);
  const text = useMessageText();
  const waiting = shown?.until !== undefined && shown.until > now;
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!normalisePhone(phone).replace("+", "")) {
      setShown({ message: { key: "checkout.otp.phoneRequired", field: "phone" } });
      input.current?.focus();
      return;
    }
    setBusy(true);
    setShown(null);
    try {
      const full = withCountryCode(normalisePhone(phone), country);
      const sent = await requestOtp(full, event);
      onSent({
        phone: full,
        requestId: sent.request_id,
        expiresIn: sent.expires_in,
        resendAt: Date.now() + sent.resend_in * 1000,
      });
    } catch (error) {
      setShown(toShown(error));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const message = text(shown, now);
  const onPhone = shown && "field" in shown.message && shown.message.field === "phone";
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p className="co-lead">{t("checkout.signin.intro")}</p>
      <PhoneField
        id="signin-phone"
        ref={input}
        label={t("checkout.signin.phone")}
        country={country}
        onCountry={onCountry}
        error={onPhone ? message : undefined}
        value={phone}
        onChange={setPhone}
      />
      {message && !onPhone && (
        <p className="notice notice-error" role="alert">
          {message}
        </p>
      )}
      <button type="submit" className="btn btn-block" disabled={busy || waiting}>
        {busy ? t("checkout.signin.sending") : t("checkout.signin.send")}
      </button>
    </form>
  );
}

function CodeForm({
  step,
  onResent,
  onChangeNumber,
  onDone,
  event,
}: {
  step: CodeStep;
  onResent(step: CodeStep): void;
  onChangeNumber(): void;
  onDone(): void;
  event?: string;
}) {
  const { t, lang, formatNumber } = useI18n();
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [resending, setResending] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [notice, setNotice] = useState("");
  const now = useNow(1000);
  const text = useMessageText();
  const input = useRef<HTMLInputElement>(null);
  const resendIn = Math.max(0, Math.ceil((step.resendAt - now) / 1000));
  const waiting = shown?.until !== undefined && shown.until > now;

  useEffect(() => input.current?.focus(), [step.requestId]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!codeDigits(code)) {
      setShown({ message: { key: "checkout.otp.codeRequired", field: "code" } });
      input.current?.focus();
      return;
    }
    setBusy(true);
    setShown(null);
    setNotice("");
    try {
      await verifyOtp(step.phone, step.requestId, code);
      onDone();
    } catch (error) {
      setShown(toShown(error));
      if (error instanceof ApiError && needsNewCode(error.code, error.body.attempts_remaining)) setCode("");
      input.current?.focus();
      setBusy(false);
    }
  }

  async function resend() {
    setResending(true);
    setShown(null);
    setNotice("");
    try {
      const sent = await requestOtp(step.phone, event);
      setCode("");
      onResent({
        ...step,
        requestId: sent.request_id,
        expiresIn: sent.expires_in,
        resendAt: Date.now() + sent.resend_in * 1000,
      });
      setNotice(t("checkout.signin.resent"));
    } catch (error) {
      setShown(toShown(error));
    } finally {
      setResending(false);
    }
  }

  const message = text(shown, now);
  const onCode = shown && "field" in shown.message && shown.message.field === "code";
  const minutes = formatNumber(Math.max(1, Math.round(step.expiresIn / 60)));
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p className="co-lead">
        {t("checkout.signin.sentTo", { phone: ltr(step.phone) })}{" "}
        <button type="button" className="co-link-button" onClick={onChangeNumber}>
          {t("checkout.signin.changeNumber")}
        </button>
      </p>
      <TextField
        id="signin-code"
        ref={input}
        label={t("checkout.signin.code")}
        hint={t("checkout.signin.codeHint", { minutes })}
        error={onCode ? message : undefined}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        dir="ltr"
        className="co-code-input"
        maxLength={12}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        required
      />
      {message && !onCode && (
        <p className="notice notice-error" role="alert">
          {message}
        </p>
      )}
      <button type="submit" className="btn btn-block" disabled={busy || waiting}>
        {busy ? t("checkout.signin.verifying") : t("checkout.signin.verify")}
      </button>
      <div className="co-resend">
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={resend}
          disabled={resendIn > 0 || resending}
        >
          {resendIn > 0
            ? t("checkout.signin.resendIn", { time: formatClock(resendIn, localDigits(lang)) })
            : t("checkout.signin.resend")}
        </button>
        <span role="status" className="co-resend-status">
          {notice}
        </span>
      </div>
    </form>
  );
}
