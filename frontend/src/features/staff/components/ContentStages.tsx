/**
 * The stages and where they are on the festival map: a click on the map puts the stage
 * being edited there (or starts a new one), and the position can be typed too (percent of
 * the map's width and height from its top left corner). The map does not mirror for Arabic.
 */
import { useId, useState } from "react";
import type { FormEvent, MouseEvent } from "react";
import { TextField } from "../../../components/Field";
import { ErrorNotice, Loading } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { createStage, deleteStage, loadContent, loadStages, updateStage } from "../api/content";
import type { Stage } from "../api/content";
import { useStaffEvent } from "../hooks/useStaffEvent";
import { parsePercent, percentAt } from "../lib/content";
import { Bilingual, ConfirmDelete, fieldErrorsOf, StatusLine, useLangTags, useStaffLoad } from "./ContentParts";

interface Draft {
  id: number | null;
  name: string;
  name_ar: string;
  x: string;
  y: string;
  sort_order: string;
}

const EMPTY: Draft = { id: null, name: "", name_ar: "", x: "", y: "", sort_order: "0" };

function draftOf(stage: Stage): Draft {
  return { id: stage.id, name: stage.name, name_ar: stage.name_ar, x: String(stage.x), y: String(stage.y), sort_order: String(stage.sort_order) };
}

export default function ContentStages() {
  const event = useStaffEvent();
  const content = useStaffLoad((signal) => loadContent(event.slug, signal), event.slug);
  const stages = useStaffLoad((signal) => loadStages(event.slug, signal), event.slug);
  const error = content.error ?? stages.error;
  if (error && (!content.data || !stages.data)) {
    return (
      <ErrorNotice
        error={error}
        onRetry={() => {
          content.reload();
          stages.reload();
        }}
      />
    );
  }
  if (!content.data || !stages.data) return <Loading />;
  return <StagesEditor mapImage={content.data.map_image} stages={stages.data} onStages={stages.setData} />;
}

function StagesEditor({
  mapImage,
  stages,
  onStages,
}: {
  mapImage: string | null;
  stages: Stage[];
  onStages: (update: (old: Stage[] | null) => Stage[] | null) => void;
}) {
  const { t, lang } = useI18n();
  const event = useStaffEvent();
  const id = useId();
  const tags = useLangTags();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [missing, setMissing] = useState<Partial<Record<"name" | "x" | "y", boolean>>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Stage | null>(null);
  const errors = fieldErrorsOf(error);
  const x = parsePercent(draft.x);
  const y = parsePercent(draft.y);

  const edit = (next: Draft) => {
    setDraft(next);
    setMissing({});
    setError(null);
    setDone(null);
  };

  function place(click: MouseEvent<HTMLDivElement>) {
    const box = click.currentTarget.getBoundingClientRect();
    const at = percentAt(box, click.clientX, click.clientY);
    setDraft((old) => ({ ...old, x: String(at.x), y: String(at.y) }));
    setMissing((old) => ({ ...old, x: false, y: false }));
    setDone(null);
  }

  async function save(form: FormEvent) {
    form.preventDefault();
    const problems = { name: !draft.name.trim(), x: x === null, y: y === null };
    setMissing(problems);
    const first = (["name", "x", "y"] as const).find((field) => problems[field]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setBusy("save");
    setError(null);
    setDone(null);
    const body = {
      name: draft.name.trim(),
      name_ar: draft.name_ar.trim(),
      x: x!,
      y: y!,
      sort_order: Number.parseInt(draft.sort_order, 10) || 0,
    };
    try {
      if (draft.id === null) {
        const stage = await createStage(event.slug, body);
        onStages((old) => [...(old ?? []), stage]);
        setDone(t("content.stages.added", { name: stage.name }));
      } else {
        const stage = await updateStage(draft.id, body);
        onStages((old) => (old ?? []).map((row) => (row.id === stage.id ? stage : row)));
        setDone(t("content.stages.saved", { name: stage.name }));
      }
      setDraft(EMPTY);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  async function remove(stage: Stage) {
    setBusy(`delete-${stage.id}`);
    setError(null);
    setDone(null);
    try {
      await deleteStage(stage.id);
      onStages((old) => (old ?? []).filter((row) => row.id !== stage.id));
      if (draft.id === stage.id) setDraft(EMPTY);
      setDone(t("content.stages.deleted", { name: stage.name }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  }

  const name = (stage: Stage) => (lang === "ar" && stage.name_ar ? stage.name_ar : stage.name);
  const shown = stages.filter((stage) => stage.id !== draft.id);

  return (
    <div className="content-stages">
      <section className="card stack" aria-labelledby={`${id}-map`}>
        <h2 id={`${id}-map`} className="staff-card-title">
          {t("content.stages.map")}
        </h2>
        <p className="muted staff-flush" id={`${id}-map-hint`}>
          {mapImage ? t("content.stages.mapHint") : t("content.stages.noMap")}
        </p>
        <div
          className={`content-map${mapImage ? "" : " is-blank"}`}
          dir="ltr"
          onClick={place}
          data-testid="stage-map"
          aria-hidden="true"
        >
          {mapImage && <img src={mapImage} alt="" draggable={false} />}
          {shown.map((stage) => (
            <span key={stage.id} className="content-pin" style={{ left: `${stage.x}%`, top: `${stage.y}%` }}>
              <span className="content-pin-dot" />
              <span className="content-pin-label">{name(stage)}</span>
            </span>
          ))}
          {x !== null && y !== null && (
            <span className="content-pin is-editing" style={{ left: `${x}%`, top: `${y}%` }}>
              <span className="content-pin-dot" />
              <span className="content-pin-label">{draft.name || t("content.stages.newPin")}</span>
            </span>
          )}
        </div>
      </section>

      <div className="stack">
        <form className="card stack" onSubmit={save} noValidate aria-labelledby={`${id}-form`} data-testid="stage-form">
          <h2 id={`${id}-form`} className="staff-card-title">
            {draft.id === null ? t("content.stages.new") : t("content.stages.edit", { name: draft.name })}
          </h2>
          <Bilingual>
            <TextField
              id={`${id}-name`}
              label={`${t("content.stages.name")} ${tags.en}`}
              value={draft.name}
              maxLength={100}
              onChange={(change) => setDraft((old) => ({ ...old, name: change.target.value }))}
              error={missing.name ? t("content.stages.nameMissing") : errors.name}
              dir="ltr"
            />
            <TextField
              id={`${id}-name-ar`}
              label={`${t("content.stages.name")} ${tags.ar}`}
              value={draft.name_ar}
              maxLength={100}
              onChange={(change) => setDraft((old) => ({ ...old, name_ar: change.target.value }))}
              error={errors.name_ar}
              dir="rtl"
              lang="ar"
            />
          </Bilingual>
          <div className="content-xy">
            <TextField
              id={`${id}-x`}
              label={t("content.stages.x")}
              inputMode="decimal"
              value={draft.x}
              onChange={(change) => setDraft((old) => ({ ...old, x: change.target.value }))}
              error={missing.x ? t("content.stages.percent") : errors.x}
            />
            <TextField
              id={`${id}-y`}
              label={t("content.stages.y")}
              inputMode="decimal"
              value={draft.y}
              onChange={(change) => setDraft((old) => ({ ...old, y: change.target.value }))}
              error={missing.y ? t("content.stages.percent") : errors.y}
            />
            <TextField
              id={`${id}-order`}
              label={t("content.order")}
              inputMode="numeric"
              value={draft.sort_order}
              onChange={(change) => setDraft((old) => ({ ...old, sort_order: change.target.value }))}
              error={errors.sort_order}
            />
          </div>
          <p className="hint staff-flush">{t("content.stages.xyHint")}</p>
          <div className="row">
            <button type="submit" className="btn" disabled={busy !== null}>
              {busy === "save" ? t("staff.busy") : draft.id === null ? t("content.stages.add") : t("content.save")}
            </button>
            {draft.id !== null && (
              <button type="button" className="btn btn-secondary" onClick={() => edit(EMPTY)}>
                {t("common.cancel")}
              </button>
            )}
          </div>
          <StatusLine done={done} error={Object.keys(errors).length ? null : error} testId="stages-status" />
        </form>

        <section className="card" aria-labelledby={`${id}-list`}>
          <h2 id={`${id}-list`} className="staff-card-title">
            {t("content.stages.list")}
          </h2>
          {stages.length === 0 ? (
            <p className="muted staff-flush">{t("content.stages.none")}</p>
          ) : (
            <ul className="content-list" data-testid="stages-list">
              {stages.map((stage) => (
                <li key={stage.id} className={draft.id === stage.id ? "is-editing" : undefined}>
                  <div className="content-list-main">
                    <span className="staff-strong">{stage.name}</span>
                    {stage.name_ar && (
                      <span>
                        <bdi lang="ar">{stage.name_ar}</bdi>
                      </span>
                    )}
                    <span className="muted small" dir="ltr">
                      x {stage.x}% · y {stage.y}%
                    </span>
                  </div>
                  <div className="staff-actions">
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      onClick={() => edit(draftOf(stage))}
                      aria-label={t("content.editLabel", { name: stage.name })}
                    >
                      {t("content.edit")}
                    </button>
                    <button
                      type="button"
                      className="btn btn-secondary btn-small staff-btn-danger-text"
                      disabled={busy !== null}
                      onClick={() => setConfirming(stage)}
                      aria-label={t("content.deleteLabel", { name: stage.name })}
                    >
                      {busy === `delete-${stage.id}` ? t("staff.busy") : t("content.delete")}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {confirming && (
        <ConfirmDelete
          name={confirming.name}
          body={t("content.stages.deleteBody")}
          busy={busy === `delete-${confirming.id}`}
          onConfirm={() => void remove(confirming)}
          onClose={() => setConfirming(null)}
        />
      )}
    </div>
  );
}
