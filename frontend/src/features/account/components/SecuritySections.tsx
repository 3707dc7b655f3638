/**
 * The account's password (change it; an account without one gets a reset link instead) and
 * where it is signed in: each session with its device and last use, "sign out" on each other
 * one, and "sign out everywhere else".
 */
import { useCallback, useEffect, useId, useState } from "react";
import type { FormEvent } from "react";
import { Link } from "react-router";
import { ApiError } from "../../../api/client";
import { TextField } from "../../../components/Field";
import { ErrorNotice, Loading } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import { isolate, ltr } from "../../../shared/lib/bidi";
import { changePassword, revokeOtherSessions, revokeSession, sessions as listSessions } from "../api";
import type { Account, AccountSession } from "../api";
import { deviceName } from "../lib/device";
import { waitSeconds } from "../lib/forms";
import { useWait } from "../hooks/useWait";

export function PasswordSection({ user }: { user: Account }) {
  const { t } = useI18n();
  const id = useId();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [missing, setMissing] = useState(false);
  const [fields, setFields] = useState<{ old?: string; new?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const wait = useWait();

  if (user.has_password === false)
    return (
      <section className="card stack account-section" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t("account.password.title")}</h2>
        <p className="muted account-flush">{t("account.password.none")}</p>
        <Link className="btn btn-secondary" to="/forgot-password">
          {t("account.password.set")}
        </Link>
        <Identities user={user} />
      </section>
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    setFields({});
    setError(null);
    setMissing(!current || !next);
    if (!current || !next) return;
    setBusy(true);
    try {
      await changePassword(current, next);
      setSaved(true);
      setCurrent("");
      setNext("");
    } catch (caught) {
      const seconds = caught instanceof ApiError ? waitSeconds(caught) : null;
      if (seconds) wait.start(seconds);
      else if (caught instanceof ApiError && (caught.field("old_password") || caught.field("new_password")))
        setFields({ old: caught.field("old_password"), new: caught.field("new_password") });
      else setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card stack account-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("account.password.title")}</h2>
      <form className="stack" onSubmit={submit} noValidate aria-busy={busy}>
        <TextField
          id={`${id}-current`}
          label={t("account.password.current")}
          type="password"
          autoComplete="current-password"
          dir="ltr"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={fields.old}
        />
        <TextField
          id={`${id}-new`}
          label={t("account.password.new")}
          hint={t("account.register.passwordRules")}
          type="password"
          autoComplete="new-password"
          dir="ltr"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={fields.new}
        />
        {missing && (
          <p className="notice notice-error account-flush" role="alert">
            {t("account.password.missing")}
          </p>
        )}
        {wait.text && (
          <p className="notice notice-error account-flush" role="alert">
            {wait.text}
          </p>
        )}
        <ErrorNotice error={error} />
        {saved && (
          <p className="notice notice-ok account-flush" role="status">
            {t("account.password.saved")}
          </p>
        )}
        <button type="submit" className="btn" disabled={busy || wait.waiting}>
          {busy ? t("account.password.saving") : t("account.password.save")}
        </button>
      </form>
      <Identities user={user} />
    </section>
  );
}

/** The OpenID Connect providers the account signs in with, if any. */
function Identities({ user }: { user: Account }) {
  const { t, lang } = useI18n();
  if (!user.identities?.length) return null;
  return (
    <p className="muted account-flush account-small">
      {t("account.identities", { names: user.identities.map(isolate).join(lang === "ar" ? "، " : ", ") })}
    </p>
  );
}

const METHODS: Record<string, MessageKey> = {
  otp: "account.sessions.method.otp",
  password: "account.sessions.method.password",
  oidc: "account.sessions.method.oidc",
};

export function SessionsSection() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const id = useId();
  const [list, setList] = useState<AccountSession[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState("");

  const load = useCallback(async () => {
    try {
      setList(await listSessions());
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function act(key: string, work: () => Promise<string>) {
    setBusy(key);
    setError(null);
    setNotice("");
    try {
      setNotice(await work());
      await load();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  const others = list?.filter((item) => !item.current) ?? [];
  return (
    <section className="card stack account-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("account.sessions.title")}</h2>
      {!list && !error && <Loading />}
      {list && (
        <ul className="account-sessions">
          {[...list]
            .sort((a, b) => Number(b.current) - Number(a.current))
            .map((item) => {
              const device = deviceName(item.user_agent) ?? t("account.sessions.unknown");
              const method = METHODS[item.method] ? t(METHODS[item.method]) : item.method;
              return (
                <li key={item.id} data-testid="account-session">
                  <div className="account-session-text">
                    <strong>
                      {isolate(device)} {item.current && <span className="badge badge-ok">{t("account.sessions.current")}</span>}
                    </strong>
                    <span className="muted account-small">
                      {[method, item.ip ? ltr(item.ip) : ""].filter(Boolean).join(" · ")}
                    </span>
                    <span className="muted account-small">
                      {t("account.sessions.lastUsed", { when: formatDateTime(item.last_used_at) })}
                    </span>
                  </div>
                  {!item.current && (
                    <button
                      type="button"
                      className="btn btn-ghost btn-small"
                      disabled={busy !== null}
                      aria-label={t("account.sessions.revokeNamed", { device })}
                      onClick={() =>
                        void act(item.id, async () => {
                          await revokeSession(item.id);
                          return "";
                        })
                      }
                    >
                      {t("account.sessions.revoke")}
                    </button>
                  )}
                </li>
              );
            })}
        </ul>
      )}
      {list && others.length === 0 && <p className="muted account-flush account-small">{t("account.sessions.none")}</p>}
      {notice && (
        <p className="notice notice-ok account-flush" role="status">
          {notice}
        </p>
      )}
      <ErrorNotice error={error} onRetry={list ? undefined : () => void load()} />
      {others.length > 0 && (
        <button
          type="button"
          className="btn btn-danger"
          disabled={busy !== null}
          onClick={() =>
            void act("others", async () => {
              const answer = await revokeOtherSessions();
              return t("account.sessions.othersDone", { count: formatNumber(answer.revoked) });
            })
          }
        >
          {t("account.sessions.others")}
        </button>
      )}
    </section>
  );
}
