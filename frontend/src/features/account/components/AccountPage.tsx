/**
 * /account (signed in): the profile (first and last name, date of birth, gender, language of
 * our messages) and picture; the e-mail and phone with their verified badges; the password;
 * where the account is signed in, with "sign out everywhere else". Someone not signed in is
 * sent to sign in and comes back. Every change reloads GET /api/auth/me/ into the session, so
 * the header and the badges follow.
 */
import { useEffect, useId, useRef, useState } from "react";
import type { ChangeEvent, FormEvent } from "react";
import { useLocation, useNavigate } from "react-router";
import { TextField } from "../../../components/Field";
import { useSession, useSessionReady } from "../../../components/SiteHeader";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { signInPath } from "../../../shared/auth/nextPath";
import { session } from "../../../shared/auth/session";
import { isolate } from "../../../shared/lib/bidi";
import { removePicture, updateMe, uploadPicture } from "../api";
import type { Account } from "../api";
import { fieldMessages, profileChanges } from "../lib/forms";
import type { ProfileValues } from "../lib/forms";
import { ApiError } from "../../../api/client";
import { EmailSection, PhoneSection } from "./ContactSections";
import { PasswordSection, SessionsSection } from "./SecuritySections";
import "../account.css";
import { formatCalendarDate } from "../../../shared/lib/dateFormat";

export default function AccountPage() {
  const { t } = useI18n();
  const ready = useSessionReady();
  const user = useSession() as Account | null;
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(() => {
    if (ready && !user) navigate(signInPath(location.pathname), { replace: true });
  }, [ready, user, navigate, location.pathname]);

  if (!ready || !user) return <Loading />;

  const name = [user.first_name, user.last_name].filter(Boolean).join(" ") || user.name || user.email || user.phone || "";
  return (
    <main id="main" className="page account-page">
      <PageTitle title={t("account.page.title")}>{t("account.page.title")}</PageTitle>
      {name && <p className="muted account-signed-in">{t("account.page.signedInAs", { name: isolate(name) })}</p>}
      <div className="account-layout">
        <div className="stack">
          <ProfileSection user={user} />
          <EmailSection user={user} />
        </div>
        <div className="stack">
          <PhoneSection user={user} />
          <PasswordSection user={user} />
          <SessionsSection />
        </div>
      </div>
    </main>
  );
}

function valuesOf(user: Account): ProfileValues {
  return {
    first_name: user.first_name ?? "",
    last_name: user.last_name ?? "",
    date_of_birth: user.date_of_birth ?? "",
    gender: user.gender ?? "",
    language: user.language || "en",
  };
}

function ProfileSection({ user }: { user: Account }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [values, setValues] = useState<ProfileValues>(() => valuesOf(user));
  const [saved, setSaved] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const set = (name: keyof ProfileValues) => (e: { target: { value: string } }) => {
    setSaved("");
    setValues((before) => ({ ...before, [name]: e.target.value }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const changes = profileChanges(valuesOf(user), values);
    setError(null);
    setFields({});
    if (Object.keys(changes).length === 0) {
      setSaved(t("account.profile.unchanged"));
      return;
    }
    setBusy(true);
    try {
      await updateMe(changes);
      await session.loadMe();
      setSaved(t("account.profile.saved"));
    } catch (caught) {
      const messages = caught instanceof ApiError ? fieldMessages(caught) : {};
      if (Object.keys(messages).length) setFields(messages);
      else setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card stack account-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("account.profile.title")}</h2>
      <PictureTools user={user} />
      <form className="stack" onSubmit={submit} noValidate aria-busy={busy}>
        <div className="account-pair">
          <TextField
            id={`${id}-first`}
            label={t("account.register.firstName")}
            autoComplete="given-name"
            value={values.first_name}
            onChange={set("first_name")}
            error={fields.first_name}
          />
          <TextField
            id={`${id}-last`}
            label={t("account.register.lastName")}
            autoComplete="family-name"
            value={values.last_name}
            onChange={set("last_name")}
            error={fields.last_name}
          />
        </div>
        <TextField
          id={`${id}-birth`}
          label={t("account.profile.dateOfBirth")}
          // The browser's own field shows its locale's order: the day in words says which it is.
          hint={formatCalendarDate(lang, values.date_of_birth ?? "", { day: "numeric", month: "long", year: "numeric" }) || undefined}
          type="date"
          autoComplete="bday"
          value={values.date_of_birth}
          onChange={set("date_of_birth")}
          error={fields.date_of_birth}
        />
        <div className="account-pair">
          <div className="field">
            <label htmlFor={`${id}-gender`}>{t("account.profile.gender")}</label>
            <select id={`${id}-gender`} value={values.gender} onChange={set("gender")}>
              <option value="">{t("account.profile.genderNone")}</option>
              <option value="female">{t("account.profile.female")}</option>
              <option value="male">{t("account.profile.male")}</option>
              <option value="other">{t("account.profile.other")}</option>
            </select>
            {fields.gender && <span className="field-error">{fields.gender}</span>}
          </div>
          <div className="field">
            <label htmlFor={`${id}-language`}>{t("account.profile.language")}</label>
            <select id={`${id}-language`} value={values.language} onChange={set("language")}>
              <option value="en" lang="en">
                English
              </option>
              <option value="ar" lang="ar">
                العربية
              </option>
            </select>
          </div>
        </div>
        <ErrorNotice error={error} />
        {saved && (
          <p className="notice notice-ok account-flush" role="status">
            {saved}
          </p>
        )}
        <button type="submit" className="btn" disabled={busy}>
          {busy ? t("account.profile.saving") : t("account.profile.save")}
        </button>
      </form>
    </section>
  );
}

function PictureTools({ user }: { user: Account }) {
  const { t } = useI18n();
  const id = useId();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState("");
  const [error, setError] = useState<unknown>(null);
  const initial = (user.first_name || user.name || user.email || "?").trim().charAt(0).toUpperCase() || "?";

  async function run(work: () => Promise<unknown>, message: string) {
    setBusy(true);
    setError(null);
    setDone("");
    try {
      await work();
      await session.loadMe();
      setDone(message);
    } catch (caught) {
      setError(caught instanceof ApiError ? new ApiError(caught.status, { ...caught.body, message: caught.field("picture") ?? caught.message }) : caught);
    } finally {
      setBusy(false);
      if (file.current) file.current.value = "";
    }
  }

  function chosen(event: ChangeEvent<HTMLInputElement>) {
    const picked = event.target.files?.[0];
    if (picked) void run(() => uploadPicture(picked), t("account.picture.saved"));
  }

  return (
    <div className="account-picture">
      {user.picture ? (
        <img className="account-avatar" src={user.picture} alt={t("account.picture.title")} width={96} height={96} />
      ) : (
        <span className="account-avatar" role="img" aria-label={t("account.picture.none")}>
          {initial}
        </span>
      )}
      <div className="account-picture-tools">
        <input
          ref={file}
          id={`${id}-file`}
          className="account-file"
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          onChange={chosen}
          disabled={busy}
          aria-describedby={`${id}-hint`}
        />
        <label htmlFor={`${id}-file`} className="btn btn-secondary btn-small" aria-disabled={busy || undefined}>
          {busy ? t("account.picture.uploading") : t("account.picture.choose")}
        </label>
        {user.picture && (
          <button
            type="button"
            className="btn btn-ghost btn-small"
            disabled={busy}
            onClick={() => void run(removePicture, t("account.picture.removed"))}
          >
            {t("account.picture.remove")}
          </button>
        )}
        <span id={`${id}-hint`} className="muted account-small">
          {t("account.picture.hint")}
        </span>
      </div>
      {done && (
        <p className="notice notice-ok account-flush" role="status">
          {done}
        </p>
      )}
      <ErrorNotice error={error} />
    </div>
  );
}
