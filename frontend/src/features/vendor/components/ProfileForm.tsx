/**
 * The vendor's details: the application form, and the same fields to edit an approved
 * vendor's profile. Checked here before sending (the first field with a problem takes the
 * focus); the server's own objections appear under their fields. The logo is previewed
 * before it is sent.
 */
import { useEffect, useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { ApiError } from "../../../api/client";
import { TextAreaField, TextField } from "../../../components/Field";
import { useErrorText } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { CATEGORIES, categoryLabel } from "../../../shared/lib/vendorCategories";
import type { MessageKey } from "../../../i18n";
import type { Profile } from "../api";
import {
  applicationBody,
  changedFields,
  checkApplication,
  firstProblem,
  LIMITS,
  LOGO_MAX_BYTES,
  LOGO_TYPES,
  logoProblem,
} from "../lib/application";
import type { ApplicationForm, FormField, FormProblems } from "../lib/application";

type FieldErrors = Partial<Record<FormField, string>>;

export function CategoryName({ category }: { category: string }) {
  const { t } = useI18n();
  return <>{categoryLabel(t, category)}</>;
}

/** The logo chosen (previewed from the file) or the one the profile has. */
function LogoField({
  id,
  current,
  file,
  onFile,
  error,
}: {
  id: string;
  current: string | null;
  file: File | null;
  onFile: (file: File | null) => void;
  error?: string;
}) {
  const { t, formatNumber } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => {
    if (!file) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);
  const shown = preview ?? current;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field vd-logo-field">
      <label htmlFor={id}>{t("vendor.form.logo")}</label>
      <span className="hint" id={hintId}>
        {t("vendor.form.logoHint", { mb: formatNumber(LOGO_MAX_BYTES / 1_000_000) })}
      </span>
      <div className="vd-logo-row">
        <div className="vd-logo-preview" aria-hidden={shown ? undefined : true}>
          {shown ? (
            <img src={shown} alt={t("vendor.form.logoPreview")} data-testid="logo-preview" />
          ) : (
            <span className="vd-logo-empty">{t("vendor.form.noLogo")}</span>
          )}
        </div>
        <div className="stack vd-logo-controls">
          <input
            ref={input}
            id={id}
            type="file"
            accept={LOGO_TYPES.join(",")}
            aria-describedby={[hintId, error ? errorId : ""].filter(Boolean).join(" ")}
            aria-invalid={error ? true : undefined}
            onChange={(event) => onFile(event.target.files?.[0] ?? null)}
          />
          {file && (
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => {
                onFile(null);
                if (input.current) input.current.value = "";
              }}
            >
              {t("vendor.form.logoRemove")}
            </button>
          )}
        </div>
      </div>
      {error && (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      )}
    </div>
  );
}

export function ProfileForm({
  initial,
  currentLogo = null,
  mode,
  submit,
  onDone,
  onCancel,
}: {
  initial: ApplicationForm;
  currentLogo?: string | null;
  /** `apply`: a new application (everything sent); `edit`: only what changed. */
  mode: "apply" | "edit";
  submit: (fields: Record<string, string>, logo: File | null) => Promise<Profile>;
  onDone: (profile: Profile) => void;
  onCancel?: () => void;
}) {
  const { t, formatNumber } = useI18n();
  const errorText = useErrorText();
  const id = useId();
  const [form, setForm] = useState<ApplicationForm>(initial);
  const [logo, setLogo] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState("");
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const problemText = (problem: FormProblems[FormField]) => (problem ? t(`vendor.form.error.${problem}` as MessageKey) : "");

  function focusField(field: FormField | undefined) {
    if (!field) return;
    formRef.current?.querySelector<HTMLElement>(`[name="${field}"], #${CSS.escape(`${id}-${field}`)}`)?.focus();
  }

  const change = (field: keyof ApplicationForm) => (value: string) => {
    setForm((old) => ({ ...old, [field]: value }));
    if (errors[field]) setErrors((old) => ({ ...old, [field]: undefined }));
  };

  async function send(event: FormEvent) {
    event.preventDefault();
    setGeneral("");
    const problems = checkApplication(form, logo);
    if (Object.keys(problems).length) {
      setErrors(Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, problemText(problem)])));
      focusField(firstProblem(problems));
      return;
    }
    setErrors({});
    const fields = mode === "edit" ? changedFields(initial, form) : applicationBody(form);
    if (mode === "edit" && Object.keys(fields).length === 0 && !logo) {
      setGeneral(t("vendor.form.nothingChanged"));
      return;
    }
    setBusy(true);
    try {
      onDone(await submit(fields as Record<string, string>, logo));
    } catch (failure) {
      if (failure instanceof ApiError && failure.body.fields) {
        const named: FieldErrors = {};
        for (const field of ["name", "category", "description", "contact_email", "contact_phone", "website", "logo"] as const) {
          const message = failure.field(field);
          if (message) named[field] = message;
        }
        setErrors(named);
        const first = firstProblem(named);
        if (first) focusField(first);
        else setGeneral(errorText(failure));
      } else setGeneral(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  const descriptionLength = form.description.trim().length;
  return (
    <form ref={formRef} className="stack vd-form" onSubmit={send} noValidate aria-busy={busy}>
      <TextField
        id={`${id}-name`}
        name="name"
        label={t("vendor.form.name")}
        hint={t("vendor.form.nameHint")}
        value={form.name}
        maxLength={LIMITS.name}
        autoComplete="organization"
        required
        error={errors.name}
        onChange={(event) => change("name")(event.target.value)}
      />
      <div className="field">
        <label htmlFor={`${id}-category`}>{t("vendor.form.category")}</label>
        <select
          id={`${id}-category`}
          name="category"
          value={form.category}
          required
          aria-invalid={errors.category ? true : undefined}
          aria-describedby={errors.category ? `${id}-category-error` : undefined}
          onChange={(event) => change("category")(event.target.value)}
        >
          <option value="">{t("vendor.form.categoryChoose")}</option>
          {CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {categoryLabel(t, category)}
            </option>
          ))}
        </select>
        {errors.category && (
          <span className="field-error" id={`${id}-category-error`}>
            {errors.category}
          </span>
        )}
      </div>
      <TextAreaField
        id={`${id}-description`}
        name="description"
        label={t("vendor.form.description")}
        hint={t("vendor.form.descriptionHint", {
          count: formatNumber(descriptionLength),
          max: formatNumber(LIMITS.description),
        })}
        rows={5}
        dir="auto"
        value={form.description}
        required
        error={errors.description}
        onChange={(event) => change("description")(event.target.value)}
      />
      <LogoField
        id={`${id}-logo`}
        current={currentLogo}
        file={logo}
        error={errors.logo}
        onFile={(file) => {
          setLogo(file);
          const problem = logoProblem(file);
          setErrors((old) => ({ ...old, logo: problem ? problemText(problem) : undefined }));
        }}
      />
      <fieldset className="co-fieldset vd-contact">
        <legend className="co-legend">{t("vendor.form.contact")}</legend>
        <p className="muted co-small">{t("vendor.form.contactHint")}</p>
        <TextField
          id={`${id}-contact_email`}
          name="contact_email"
          type="email"
          label={t("vendor.form.email")}
          value={form.contact_email}
          autoComplete="email"
          dir="ltr"
          required
          error={errors.contact_email}
          onChange={(event) => change("contact_email")(event.target.value)}
        />
        <TextField
          id={`${id}-contact_phone`}
          name="contact_phone"
          type="tel"
          label={t("vendor.form.phone")}
          hint={t("vendor.form.phoneHint")}
          value={form.contact_phone}
          autoComplete="tel"
          required
          error={errors.contact_phone}
          onChange={(event) => change("contact_phone")(event.target.value)}
        />
        <TextField
          id={`${id}-website`}
          name="website"
          type="text"
          inputMode="url"
          label={t("vendor.form.website")}
          hint={t("vendor.form.websiteHint")}
          value={form.website}
          autoComplete="url"
          dir="ltr"
          error={errors.website}
          onChange={(event) => change("website")(event.target.value)}
        />
      </fieldset>
      {general && (
        <p className="notice notice-error" role="alert">
          {general}
        </p>
      )}
      <div className="row vd-form-buttons">
        <button type="submit" className="btn" disabled={busy}>
          {busy ? t("vendor.form.sending") : mode === "edit" ? t("vendor.form.save") : t("vendor.form.submit")}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>
            {t("common.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
