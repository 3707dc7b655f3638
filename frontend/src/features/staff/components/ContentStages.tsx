/**
 * The stages and where they are on the festival map: a click on the map puts the stage
 * being edited there (or starts a new one), and the position can be typed too (percent of
 * the map's width and height from its top left corner). The map does not mirror for Arabic.
 */
import { useId, useState } from "react";
import type { FormEvent, MouseEvent } from "react";
import { TextField } from "../../../components/Field";
import { useI18n } from "../../../i18n";
import { createStage, deleteStage, loadContent, loadStages, updateStage } from "../api/content";
import type { Stage } from "../api/content";
import { useStaffEvent } from "../hooks/useStaffEvent";
import { parsePercent, percentAt } from "../lib/content";
import {
  BilingualField,
  EditorForm,
  ListCard,
  ListDeleteDialog,
  RowActions,
  useListActions,
  useStaffLoad,
  Waiting,
} from "./ContentParts";

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
  if (!content.data || !stages.data) return <Waiting loads={[content, stages]} />;
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
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [missing, setMissing] = useState<Partial<Record<"name" | "x" | "y", boolean>>>({});
  const list = useListActions(onStages);
  const { busy, errors } = list;
  const x = parsePercent(draft.x);
  const y = parsePercent(draft.y);

  const edit = (next: Draft) => {
    setDraft(next);
    setMissing({});
    list.setError(null);
    list.setDone(null);
  };

  function place(click: MouseEvent<HTMLDivElement>) {
    const box = click.currentTarget.getBoundingClientRect();
    const at = percentAt(box, click.clientX, click.clientY);
    setDraft((old) => ({ ...old, x: String(at.x), y: String(at.y) }));
    setMissing((old) => ({ ...old, x: false, y: false }));
    list.setDone(null);
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
    const body = {
      name: draft.name.trim(),
      name_ar: draft.name_ar.trim(),
      x: x!,
      y: y!,
      sort_order: Number.parseInt(draft.sort_order, 10) || 0,
    };
    const editing = draft.id;
    await list.save(
      () => (editing === null ? createStage(event.slug, body) : updateStage(editing, body)),
      (stage) => t(editing === null ? "content.stages.added" : "content.stages.saved", { name: stage.name }),
      () => setDraft(EMPTY),
    );
  }

  function remove(stage: Stage) {
    return list.remove(stage, () => deleteStage(stage.id), t("content.stages.deleted", { name: stage.name }), () => {
      if (draft.id === stage.id) setDraft(EMPTY);
    });
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
        <EditorForm
          title={draft.id === null ? t("content.stages.new") : t("content.stages.edit", { name: draft.name })}
          testId="stage-form"
          statusTestId="stages-status"
          action={list}
          editing={draft.id !== null}
          addLabel={t("content.stages.add")}
          onSubmit={(form) => void save(form)}
          onCancel={() => edit(EMPTY)}
        >
          <BilingualField
            id={`${id}-name`}
            label={t("content.stages.name")}
            en={draft.name}
            ar={draft.name_ar}
            onEn={(value) => setDraft((old) => ({ ...old, name: value }))}
            onAr={(value) => setDraft((old) => ({ ...old, name_ar: value }))}
            error={missing.name ? t("content.stages.nameMissing") : errors.name}
            errorAr={errors.name_ar}
            maxLength={100}
          />
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
        </EditorForm>

        <ListCard title={t("content.stages.list")} empty={stages.length === 0 ? t("content.stages.none") : null}>
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
                <RowActions
                  name={stage.name}
                  busy={busy !== null}
                  deleting={busy === `delete-${stage.id}`}
                  onEdit={() => edit(draftOf(stage))}
                  onDelete={() => list.setConfirming(stage)}
                />
              </li>
            ))}
          </ul>
        </ListCard>
      </div>
      <ListDeleteDialog
        list={list}
        name={(stage) => stage.name}
        body={t("content.stages.deleteBody")}
        onConfirm={(stage) => void remove(stage)}
      />
    </div>
  );
}
