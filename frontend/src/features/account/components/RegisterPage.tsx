/**
 * /register?next=: e-mail, password (its rules shown before typing), first and last name, an
 * optional phone. The server answers 201 whether or not the address is taken, so the page
 * always says "check your e-mail", then signs in with the same e-mail and password (which
 * works at once for a new account; for a taken address it fails quietly). A 400's messages
 * appear at their fields; a 429 says how long to wait.
 */
import { useId, useRef, useState } from "react";
import type { FormEvent, RefObject } from "react";
import { Link, useSearchParams } from "react-router";
import { ApiError } from "../../../api/client";
import { TextField } from "../../../components/Field";
import { usePhoneFormat } from "../../../components/PhoneHint";
import { useSession, useSessionReady } from "../../../components/SiteHeader";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { safeNext } from "../../../shared/auth/nextPath";
import { normalisePhone } from "../../../shared/auth/otp";
import { signInWithPassword } from "../../../shared/auth/password";
import { ltr } from "../../../shared/lib/bidi";
import { register } from "../api";
import { fieldMessages, looksLikeEmail, otherFieldMessages, passwordProblems, REGISTER_FIELDS, waitSeconds } from "../lib/forms";
import type { RegisterField } from "../lib/forms";
import { useWait } from "../hooks/useWait";
import "../account.css";

interface Registered {
  email: string;
  signedIn: boolean;
}

export default function RegisterPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"), "/account");
  const ready = useSessionReady();
  const user = useSession();
  const [registered, setRegistered] = useState<Registered | null>(null);

  if (!ready) return <Loading />;

  if (registered)
    return (
      <main id="main" className="page narrow account-page">
        <PageTitle title={t("account.register.doneTitle")}>{t("account.register.doneTitle")}</PageTitle>
        <div className="card stack" data-testid="register-done">
          <p className="notice notice-ok account-flush" role="status">
            {t("account.register.done", { email: ltr(registered.email) })}
          </p>
          <p className="account-flush">
            {registered.signedIn ? t("account.register.signedIn") : t("account.register.notSignedIn")}
          </p>
          {registered.signedIn ? (
            <Link className="btn btn-block" to={next}>
              {next === "/account" ? t("account.register.toAccount") : t("account.register.continue")}
            </Link>
          ) : (
            <Link className="btn btn-block" to={next === "/account" ? "/signin?next=%2Faccount" : `/signin?next=${encodeURIComponent(next)}`}>
              {t("account.register.signIn")}
            </Link>
          )}
        </div>
      </main>
    );

  return (
    <main id="main" className="page narrow account-page">
      <PageTitle title={t("account.register.title")}>{t("account.register.title")}</PageTitle>
      {user ? (
        <div className="card stack">
          <p className="account-flush">{t("account.register.already")}</p>
          <Link className="btn" to="/account">
            {t("account.register.toAccount")}
          </Link>
        </div>
      ) : (
        <RegisterForm onDone={setRegistered} />
      )}
      <p className="account-center">
        {t("account.register.have")}{" "}
        <Link to={next === "/account" ? "/signin" : `/signin?next=${encodeURIComponent(next)}`}>{t("account.register.signIn")}</Link>
      </p>
    </main>
  );
}

function RegisterForm({ onDone }: { onDone(done: Registered): void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const phoneFormat = usePhoneFormat(null);
  const [values, setValues] = useState({ email: "", password: "", first_name: "", last_name: "", phone: "" });
  const [local, setLocal] = useState<Partial<Record<RegisterField, string>>>({});
  const [server, setServer] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [rest, setRest] = useState("");
  const [busy, setBusy] = useState(false);
  const wait = useWait();
  const refs = {
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    first_name: useRef<HTMLInputElement>(null),
    last_name: useRef<HTMLInputElement>(null),
    phone: useRef<HTMLInputElement>(null),
  } satisfies Record<RegisterField, RefObject<HTMLInputElement | null>>;

  const set = (name: RegisterField) => (e: { target: { value: string } }) =>
    setValues((before) => ({ ...before, [name]: e.target.value }));

  function focusFirst(problems: Partial<Record<string, string>>) {
    const first = REGISTER_FIELDS.find((name) => problems[name]);
    if (first) refs[first].current?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Partial<Record<RegisterField, string>> = {};
    const email = values.email.trim();
    if (!email) problems.email = t("account.register.emailMissing");
    else if (!looksLikeEmail(email)) problems.email = t("account.register.emailBad");
    const passwordFlaws = passwordProblems(values.password);
    if (passwordFlaws.includes("short")) problems.password = t("account.register.passwordShort");
    else if (passwordFlaws.includes("digits")) problems.password = t("account.register.passwordDigits");
    setLocal(problems);
    setServer({});
    setError(null);
    setRest("");
    if (Object.keys(problems).length) {
      focusFirst(problems);
      return;
    }
    setBusy(true);
    try {
      const phone = values.phone.trim() ? normalisePhone(values.phone) : undefined;
      const answer = await register({
        email,
        password: values.password,
        first_name: values.first_name.trim() || undefined,
        last_name: values.last_name.trim() || undefined,
        phone,
        language: lang,
      });
      let signedIn = false;
      try {
        signedIn = Boolean(await signInWithPassword(answer.email || email, values.password));
      } catch {
        /* a taken address: its owner got an e-mail instead; the page says the same */
      }
      onDone({ email: answer.email || email, signedIn });
    } catch (caught) {
      setBusy(false);
      const seconds = caught instanceof ApiError ? waitSeconds(caught) : null;
      if (seconds) {
        wait.start(seconds);
        return;
      }
      const messages = caught instanceof ApiError ? fieldMessages(caught) : {};
      if (Object.keys(messages).length) {
        setServer(messages);
        focusFirst(messages);
        setRest(otherFieldMessages(messages, REGISTER_FIELDS).join(" "));
      } else setError(caught);
    }
  }

  const errorOf = (name: RegisterField) => local[name] ?? server[name];
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-busy={busy} aria-label={t("account.register.title")}>
      <p className="muted account-flush">{t("account.register.intro")}</p>
      <TextField
        ref={refs.email}
        id={`${id}-email`}
        label={t("account.register.email")}
        type="email"
        name="email"
        inputMode="email"
        autoComplete="email"
        dir="ltr"
        required
        value={values.email}
        onChange={set("email")}
        error={errorOf("email")}
      />
      <TextField
        ref={refs.password}
        id={`${id}-password`}
        label={t("account.register.password")}
        hint={t("account.register.passwordRules")}
        type="password"
        name="password"
        autoComplete="new-password"
        dir="ltr"
        required
        value={values.password}
        onChange={set("password")}
        error={errorOf("password")}
      />
      <div className="account-pair">
        <TextField
          ref={refs.first_name}
          id={`${id}-first`}
          label={t("account.register.firstName")}
          name="given-name"
          autoComplete="given-name"
          value={values.first_name}
          onChange={set("first_name")}
          error={errorOf("first_name")}
        />
        <TextField
          ref={refs.last_name}
          id={`${id}-last`}
          label={t("account.register.lastName")}
          name="family-name"
          autoComplete="family-name"
          value={values.last_name}
          onChange={set("last_name")}
          error={errorOf("last_name")}
        />
      </div>
      <TextField
        ref={refs.phone}
        id={`${id}-phone`}
        label={
          <>
            {t("account.register.phone")} <span className="muted account-optional">{t("account.optional")}</span>
          </>
        }
        hint={phoneFormat.hint}
        placeholder={phoneFormat.placeholder}
        type="tel"
        name="phone"
        inputMode="tel"
        autoComplete="tel"
        dir="ltr"
        value={values.phone}
        onChange={set("phone")}
        error={errorOf("phone")}
      />
      {wait.text && (
        <p className="notice notice-error account-flush" role="alert">
          {wait.text}
        </p>
      )}
      {rest && (
        <p className="notice notice-error account-flush" role="alert">
          {rest}
        </p>
      )}
      <ErrorNotice error={error} />
      <button type="submit" className="btn btn-block" disabled={busy || wait.waiting}>
        {busy ? t("account.register.busy") : t("account.register.submit")}
      </button>
    </form>
  );
}
