/**
 * Sponsors: add, change (name, tier, link, order within the tier, logo) and delete. The
 * list shows them as the public page does: by tier, then by order.
 */
import { useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { TextField } from "../../../components/Field";
import { useI18n } from "../../../i18n";
import { TIER_LABELS, TIERS } from "../../../shared/lib/sponsors";
import { createSponsor, deleteSponsor, loadSponsors, updateSponsor } from "../api/content";
import type { SponsorTier, StaffSponsor } from "../api/content";
import { useStaffEvent } from "../hooks/useStaffEvent";
import { EditorForm, ImageField, ListCard, ListDeleteDialog, RowActions, useListActions, useStaffLoad, Waiting } from "./ContentParts";

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
  const sponsors = useStaffLoad((signal) => loadSponsors(event.slug, signal), event.slug);
  const list = useListActions(sponsors.setData);
  const { busy, errors } = list;
  const fileRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [logo, setLogo] = useState<File | null>(null);
  const [removeLogo, setRemoveLogo] = useState(false);
  const [missing, setMissing] = useState(false);

  const data = sponsors.data;
  if (!data) return <Waiting loads={[sponsors]} />;

  const reset = (next: Draft) => {
    setDraft(next);
    setLogo(null);
    setRemoveLogo(false);
    setMissing(false);
    list.setError(null);
    if (fileRef.current) fileRef.current.value = "";
  };

  async function save(form: FormEvent) {
    form.preventDefault();
    setMissing(!draft.name.trim());
    if (!draft.name.trim()) {
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    const fields = {
      name: draft.name.trim(),
      tier: draft.tier,
      url: draft.url.trim(),
      sort_order: Number.parseInt(draft.sort_order, 10) || 0,
    };
    const editing = draft.id;
    await list.save(
      () => (editing === null ? createSponsor(event.slug, fields, logo) : updateSponsor(editing, fields, { logo, removeLogo })),
      (sponsor) => t(editing === null ? "content.sponsors.added" : "content.sponsors.saved", { name: sponsor.name }),
      () => reset(EMPTY),
    );
  }

  function remove(sponsor: StaffSponsor) {
    return list.remove(sponsor, () => deleteSponsor(sponsor.id), t("content.sponsors.deleted", { name: sponsor.name }), () => {
      if (draft.id === sponsor.id) reset(EMPTY);
    });
  }

  return (
    <div className="content-two">
      <EditorForm
        title={draft.id === null ? t("content.sponsors.new") : t("content.sponsors.edit", { name: draft.name })}
        testId="sponsor-form"
        statusTestId="sponsors-status"
        action={list}
        editing={draft.id !== null}
        addLabel={t("content.sponsors.add")}
        onSubmit={(form) => void save(form)}
        onCancel={() => reset(EMPTY)}
      >
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
        <ImageField
          id={`${id}-logo`}
          label={draft.logo ? t("content.sponsors.logoReplace") : t("content.sponsors.logo")}
          error={errors.logo}
          inputRef={fileRef}
          onFile={(file) => {
            setLogo(file);
            setRemoveLogo(false);
          }}
          preview={draft.logo && !removeLogo && <img className="content-logo-preview" src={draft.logo} alt="" />}
        >
          {draft.logo && !logo && (
            <label className="content-check">
              <input type="checkbox" checked={removeLogo} onChange={(change) => setRemoveLogo(change.target.checked)} />
              {t("content.sponsors.removeLogo")}
            </label>
          )}
        </ImageField>
      </EditorForm>

      <ListCard title={t("content.sponsors.list")} empty={data.length === 0 ? t("content.sponsors.none") : null}>
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
              <RowActions
                name={sponsor.name}
                busy={busy !== null}
                deleting={busy === `delete-${sponsor.id}`}
                onEdit={() => {
                  reset({ id: sponsor.id, name: sponsor.name, tier: sponsor.tier, url: sponsor.url, sort_order: String(sponsor.sort_order), logo: sponsor.logo });
                  document.getElementById(`${id}-name`)?.focus();
                }}
                onDelete={() => list.setConfirming(sponsor)}
              />
            </li>
          ))}
        </ul>
      </ListCard>
      <ListDeleteDialog list={list} name={(sponsor) => sponsor.name} onConfirm={(sponsor) => void remove(sponsor)} />
    </div>
  );
}
