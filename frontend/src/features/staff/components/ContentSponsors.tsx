/**
 * Sponsors: add, change (name, tier, link, order within the tier, logo) and delete. The
 * list shows them as the public page does: by tier, then by order.
 */
import { useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { TextField } from "../../../components/Field";
import { ErrorNotice, Loading } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { TIER_LABELS, TIERS } from "../../../shared/lib/sponsors";
import { createSponsor, deleteSponsor, loadSponsors, updateSponsor } from "../api/content";
import type { SponsorTier, StaffSponsor } from "../api/content";
import { useStaffEvent } from "../hooks/useStaffEvent";
import { ConfirmDelete, fieldErrorsOf, StatusLine, useStaffLoad } from "./ContentParts";

interface Draft {
  id: number | null;
  name: string;
  tier: SponsorTier;
  url: string;
  sort_order: string;
  logo: string | null;
}

const EMPTY: Draft = { id: null, name: "", tier: "partner", url: "", sort_order: "0", logo: null };

function ranked(list: StaffSponsor[]): StaffSponsor[] {
  return [...list].sort(
    (a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) || a.sort_order - b.sort_order || a.name.localeCompare(b.name),
  );
}

export default function ContentSponsors() {
  const { t, formatNumber } = useI18n();
  const event = useStaffEvent();
  const id = useId();
  const { data, setData, error: loadError, reload } = useStaffLoad((signal) => loadSponsors(event.slug, signal), event.slug);
  const fileRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [logo, setLogo] = useState<File | null>(null);
  const [removeLogo, setRemoveLogo] = useState(false);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<StaffSponsor | null>(null);
  const errors = fieldErrorsOf(error);

  if (loadError && !data) return <ErrorNotice error={loadError} onRetry={reload} />;
  if (!data) return <Loading />;

  const reset = (next: Draft) => {
    setDraft(next);
    setLogo(null);
    setRemoveLogo(false);
    setMissing(false);
    setError(null);
    if (fileRef.current) fileRef.current.value = "";
  };

  async function save(form: FormEvent) {
    form.preventDefault();
    setMissing(!draft.name.trim());
    if (!draft.name.trim()) {
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    setBusy("save");
    setError(null);
    setDone(null);
    const fields = {
      name: draft.name.trim(),
      tier: draft.tier,
      url: draft.url.trim(),
      sort_order: Number.parseInt(draft.sort_order, 10) || 0,
    };
    try {
      if (draft.id === null) {
        const sponsor = await createSponsor(event.slug, fields, logo);
        setData((old) => [...(old ?? []), sponsor]);
        setDone(t("content.sponsors.added", { name: sponsor.name }));
      } else {
        const sponsor = await updateSponsor(draft.id, fields, { logo, removeLogo });
        setData((old) => (old ?? []).map((row) => (row.id === sponsor.id ? sponsor : row)));
        setDone(t("content.sponsors.saved", { name: sponsor.name }));
      }
      reset(EMPTY);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  async function remove(sponsor: StaffSponsor) {
    setBusy(`delete-${sponsor.id}`);
    setError(null);
    setDone(null);
    try {
      await deleteSponsor(sponsor.id);
      setData((old) => (old ?? []).filter((row) => row.id !== sponsor.id));
      if (draft.id === sponsor.id) reset(EMPTY);
      setDone(t("content.sponsors.deleted", { name: sponsor.name }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  }

  return (
    <div className="content-two">
      <form className="card stack" onSubmit={save} noValidate aria-labelledby={`${id}-form`} data-testid="sponsor-form">
        <h2 id={`${id}-form`} className="staff-card-title">
          {draft.id === null ? t("content.sponsors.new") : t("content.sponsors.edit", { name: draft.name })}
        </h2>
        <TextField
          id={`${id}-name`}
          label={t("content.sponsors.name")}
          value={draft.name}
          maxLength={200}
          onChange={(change) => setDraft((old) => ({ ...old, name: change.target.value }))}
          error={missing ? t("content.sponsors.nameMissing") : errors.name}
          dir="auto"
        />
        <div className="field">
          <label htmlFor={`${id}-tier`}>{t("content.sponsors.tier")}</label>
          <select
            id={`${id}-tier`}
            value={draft.tier}
            onChange={(change) => setDraft((old) => ({ ...old, tier: change.target.value as SponsorTier }))}
          >
            {TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {t(TIER_LABELS[tier])}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id={`${id}-url`}
          label={t("content.sponsors.url")}
          type="url"
          inputMode="url"
          placeholder="https://"
          value={draft.url}
          maxLength={500}
          onChange={(change) => setDraft((old) => ({ ...old, url: change.target.value }))}
          error={errors.url}
          dir="ltr"
        />
        <TextField
          id={`${id}-order`}
          label={t("content.order")}
          hint={t("content.sponsors.orderHint")}
          inputMode="numeric"
          value={draft.sort_order}
          onChange={(change) => setDraft((old) => ({ ...old, sort_order: change.target.value }))}
          error={errors.sort_order}
        />
        <div className="field">
          <label htmlFor={`${id}-logo`}>{draft.logo ? t("content.sponsors.logoReplace") : t("content.sponsors.logo")}</label>
          <span className="hint" id={`${id}-logo-hint`}>
            {t("content.media.fileHint")}
          </span>
          {draft.logo && !removeLogo && <img className="content-logo-preview" src={draft.logo} alt="" />}
          <input
            id={`${id}-logo`}
            ref={fileRef}
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            aria-describedby={`${id}-logo-hint`}
            aria-invalid={errors.logo ? true : undefined}
            onChange={(change) => {
              setLogo(change.target.files?.[0] ?? null);
              setRemoveLogo(false);
            }}
          />
          {errors.logo && <span className="field-error">{errors.logo}</span>}
          {draft.logo && !logo && (
            <label className="content-check">
              <input type="checkbox" checked={removeLogo} onChange={(change) => setRemoveLogo(change.target.checked)} />
              {t("content.sponsors.removeLogo")}
            </label>
          )}
        </div>
        <div className="row">
          <button type="submit" className="btn" disabled={busy !== null}>
            {busy === "save" ? t("staff.busy") : draft.id === null ? t("content.sponsors.add") : t("content.save")}
          </button>
          {draft.id !== null && (
            <button type="button" className="btn btn-secondary" onClick={() => reset(EMPTY)}>
              {t("common.cancel")}
            </button>
          )}
        </div>
        <StatusLine done={done} error={Object.keys(errors).length ? null : error} testId="sponsors-status" />
      </form>

      <section className="card" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`} className="staff-card-title">
          {t("content.sponsors.list")}
        </h2>
        {data.length === 0 ? (
          <p className="muted staff-flush">{t("content.sponsors.none")}</p>
        ) : (
          <ul className="content-list" data-testid="sponsors-list">
            {ranked(data).map((sponsor) => (
              <li key={sponsor.id} className={draft.id === sponsor.id ? "is-editing" : undefined}>
                {sponsor.logo ? (
                  <img className="content-list-logo" src={sponsor.logo} alt="" />
                ) : (
                  <span className="content-list-logo is-empty" aria-hidden="true" />
                )}
                <div className="content-list-main">
                  <span className="staff-strong">
                    <bdi>{sponsor.name}</bdi>
                  </span>
                  <span className="muted small">
                    {t(TIER_LABELS[sponsor.tier])} · {t("content.orderShort", { n: formatNumber(sponsor.sort_order) })}
                  </span>
                  {sponsor.url && (
                    <span className="muted small content-url" dir="ltr">
                      {sponsor.url}
                    </span>
                  )}
                </div>
                <div className="staff-actions">
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    onClick={() => {
                      reset({ id: sponsor.id, name: sponsor.name, tier: sponsor.tier, url: sponsor.url, sort_order: String(sponsor.sort_order), logo: sponsor.logo });
                      document.getElementById(`${id}-name`)?.focus();
                    }}
                    aria-label={t("content.editLabel", { name: sponsor.name })}
                  >
                    {t("content.edit")}
                  </button>
                  <button
                    type="button"
                    className="btn btn-secondary btn-small staff-btn-danger-text"
                    disabled={busy !== null}
                    onClick={() => setConfirming(sponsor)}
                    aria-label={t("content.deleteLabel", { name: sponsor.name })}
                  >
                    {busy === `delete-${sponsor.id}` ? t("staff.busy") : t("content.delete")}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {confirming && (
        <ConfirmDelete
          name={confirming.name}
          busy={busy === `delete-${confirming.id}`}
          onConfirm={() => void remove(confirming)}
          onClose={() => setConfirming(null)}
        />
      )}
    </div>
  );
}
