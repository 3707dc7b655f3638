/**
 * The schedule: performances by festival day, each with Edit, Delay and Delete; a form to
 * add or change one (times typed on the venue's clock); Delay moves it some minutes later
 * (and, with "cascade", the later ones on its stage that day). Every change reaches the
 * public page live through the schedule topic.
 */
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { TextAreaField, TextField } from "../../../components/Field";
import { ErrorNotice } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import { formatDay, formatTime, utcToZonedInput } from "../../../shared/lib/zone";
import {
  createPerformance,
  delayPerformance,
  deletePerformance,
  loadSchedule,
  loadStages,
  updatePerformance,
} from "../api/content";
import type { Stage, StaffPerformance } from "../api/content";
import { useStaffEvent } from "../hooks/useStaffEvent";
import { byFestivalDay, performanceForm, performanceRequest, upsert } from "../lib/content";
import type { PerformanceForm, PerformanceProblem } from "../lib/content";
import {
  BilingualField,
  EditorForm,
  fieldErrorsOf,
  ListCard,
  ListDeleteDialog,
  RowActions,
  useListActions,
  useStaffLoad,
  Waiting,
} from "./ContentParts";
import { Modal } from "./parts";

type Status = StaffPerformance["status"];
const STATUSES: Status[] = ["scheduled", "delayed", "cancelled"];
const STATUS_LABELS: Record<Status, MessageKey> = {
  scheduled: "content.schedule.status.scheduled",
  delayed: "festival.status.delayed",
  cancelled: "festival.status.cancelled",
};
const PROBLEMS: Record<PerformanceProblem, MessageKey> = {
  stage: "content.schedule.stageMissing",
  title: "content.schedule.titleMissing",
  starts: "content.schedule.timeMissing",
  ends: "content.schedule.timeMissing",
  order: "content.schedule.order",
};

export default function ContentSchedule() {
  const event = useStaffEvent();
  const schedule = useStaffLoad((signal) => loadSchedule(event.slug, signal), event.slug);
  const stages = useStaffLoad((signal) => loadStages(event.slug, signal), event.slug);
  if (!schedule.data || !stages.data) return <Waiting loads={[schedule, stages]} />;
  return <ScheduleEditor items={schedule.data} stages={stages.data} onItems={schedule.setData} />;
}

function emptyForm(stages: Stage[], startsAt: string, timeZone: string): PerformanceForm {
  const starts = utcToZonedInput(startsAt, timeZone);
  return {
    stage: stages.length === 1 ? String(stages[0].id) : "",
    title: "",
    title_ar: "",
    starts,
    ends: "",
    performers: "",
    status: "scheduled",
    note: "",
    note_ar: "",
  };
}

function ScheduleEditor({
  items,
  stages,
  onItems,
}: {
  items: StaffPerformance[];
  stages: Stage[];
  onItems: (update: (old: StaffPerformance[] | null) => StaffPerformance[] | null) => void;
}) {
  const { t, lang, formatNumber } = useI18n();
  const event = useStaffEvent();
  const timeZone = event.venue?.time_zone ?? "UTC";
  const id = useId();
  const [editing, setEditing] = useState<number | null>(null);
  const [form, setForm] = useState<PerformanceForm>(() => emptyForm(stages, event.starts_at, timeZone));
  const [problems, setProblems] = useState<PerformanceProblem[]>([]);
  const list = useListActions(onItems);
  const { busy, errors } = list;
  const [delaying, setDelaying] = useState<StaffPerformance | null>(null);
  const problem = (field: PerformanceProblem) => (problems.includes(field) ? t(PROBLEMS[field]) : undefined);
  const set = (field: keyof PerformanceForm) => (value: string) => setForm((old) => ({ ...old, [field]: value }));
  const time = (iso: string) => formatTime(lang, iso, timeZone);
  const stageName = (stage: { name: string; name_ar: string }) => (lang === "ar" && stage.name_ar ? stage.name_ar : stage.name);

  function open(item: StaffPerformance | null) {
    setEditing(item?.id ?? null);
    setForm(item ? performanceForm(item, timeZone) : emptyForm(stages, event.starts_at, timeZone));
    setProblems([]);
    list.setError(null);
    if (item) setTimeout(() => document.getElementById(`${id}-title`)?.focus());
  }

  async function save(submit: FormEvent) {
    submit.preventDefault();
    const request = performanceRequest(form, timeZone);
    if (!request.ok) {
      setProblems(request.problems);
      const first = request.problems[0];
      const target = { stage: "stage", title: "title", starts: "starts", ends: "ends", order: "ends" }[first];
      document.getElementById(`${id}-${target}`)?.focus();
      return;
    }
    setProblems([]);
    await list.save(
      () => (editing === null ? createPerformance(event.slug, request.body) : updatePerformance(editing, request.body)),
      (item) => t(editing === null ? "content.schedule.added" : "content.schedule.saved", { title: item.title }),
      () => open(null),
    );
  }

  function remove(item: StaffPerformance) {
    return list.remove(item, () => deletePerformance(item.id), t("content.schedule.deleted", { title: item.title }), () => {
      if (editing === item.id) open(null);
    });
  }

  const days = byFestivalDay(items, timeZone);

  return (
    <div className="content-two content-schedule">
      <EditorForm
        title={editing === null ? t("content.schedule.new") : t("content.schedule.edit", { title: form.title })}
        testId="performance-form"
        statusTestId="schedule-status"
        action={list}
        editing={editing !== null}
        addLabel={t("content.schedule.add")}
        disabled={stages.length === 0}
        onSubmit={(submit) => void save(submit)}
        onCancel={() => open(null)}
      >
        {stages.length === 0 && <p className="notice notice-warn">{t("content.schedule.noStages")}</p>}
        <div className="field">
          <label htmlFor={`${id}-stage`}>{t("content.schedule.stage")}</label>
          <select
            id={`${id}-stage`}
            value={form.stage}
            onChange={(change) => set("stage")(change.target.value)}
            aria-invalid={problem("stage") || errors.stage ? true : undefined}
          >
            <option value="">{t("content.schedule.chooseStage")}</option>
            {stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stageName(stage)}
              </option>
            ))}
          </select>
          {(problem("stage") || errors.stage) && <span className="field-error">{problem("stage") ?? errors.stage}</span>}
        </div>
        <BilingualField
          id={`${id}-title`}
          label={t("content.schedule.title")}
          en={form.title}
          ar={form.title_ar}
          onEn={set("title")}
          onAr={set("title_ar")}
          error={problem("title") ?? errors.title}
          errorAr={errors.title_ar}
          maxLength={200}
        />
        <div className="content-times">
          <TextField
            id={`${id}-starts`}
            label={t("content.schedule.starts")}
            type="datetime-local"
            value={form.starts}
            onChange={(change) => set("starts")(change.target.value)}
            error={problem("starts") ?? errors.starts_at}
          />
          <TextField
            id={`${id}-ends`}
            label={t("content.schedule.ends")}
            type="datetime-local"
            value={form.ends}
            onChange={(change) => set("ends")(change.target.value)}
            error={problem("ends") ?? problem("order") ?? errors.ends_at}
          />
        </div>
        <p className="hint staff-flush">{t("content.schedule.zone", { zone: timeZone })}</p>
        <TextAreaField
          id={`${id}-performers`}
          label={t("content.schedule.performers")}
          hint={t("content.schedule.performersHint")}
          value={form.performers}
          rows={3}
          onChange={(change) => set("performers")(change.target.value)}
          error={errors.performers ?? errors["performers.0"]}
          dir="auto"
        />
        <div className="field">
          <label htmlFor={`${id}-status`}>{t("content.schedule.status")}</label>
          <select id={`${id}-status`} value={form.status} onChange={(change) => set("status")(change.target.value)}>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(STATUS_LABELS[status])}
              </option>
            ))}
          </select>
        </div>
        <BilingualField
          id={`${id}-note`}
          label={t("content.schedule.note")}
          en={form.note}
          ar={form.note_ar}
          onEn={set("note")}
          onAr={set("note_ar")}
          error={errors.note}
          errorAr={errors.note_ar}
          hint={t("content.schedule.noteHint")}
          maxLength={300}
        />
      </EditorForm>

      <ListCard title={t("content.schedule.list")} empty={days.length === 0 ? t("content.schedule.none") : null}>
        {days.map((day) => (
          <section key={day.date} className="content-day" aria-labelledby={`${id}-${day.date}`}>
            <h3 id={`${id}-${day.date}`} className="content-h3">
              {formatDay(lang, day.date, { weekday: "long", month: "long" })}
            </h3>
            <ul className="content-list" data-testid="schedule-list">
              {day.items.map((item) => (
                <li key={item.id} className={editing === item.id ? "is-editing" : undefined} data-testid={`performance-${item.id}`}>
                  <div className="content-list-main">
                    <span className="content-when" dir="ltr">
                      {time(item.starts_at)}–{time(item.ends_at)}
                    </span>
                    <span className={`staff-strong${item.status === "cancelled" ? " content-struck" : ""}`}>
                      <bdi>{lang === "ar" && item.title_ar ? item.title_ar : item.title}</bdi>
                    </span>
                    <span className="muted small">
                      {stageName(item.stage)}
                      {item.status !== "scheduled" && (
                        <>
                          {" · "}
                          <span className={`content-badge content-badge-${item.status}`}>{t(STATUS_LABELS[item.status])}</span>
                        </>
                      )}
                    </span>
                  </div>
                  <RowActions
                    name={item.title}
                    busy={busy !== null}
                    deleting={busy === `delete-${item.id}`}
                    onEdit={() => open(item)}
                    onDelete={() => list.setConfirming(item)}
                  >
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      disabled={item.status === "cancelled"}
                      onClick={() => setDelaying(item)}
                      aria-label={t("content.schedule.delayLabel", { title: item.title })}
                    >
                      {t("content.schedule.delay")}
                    </button>
                  </RowActions>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </ListCard>

      {delaying && (
        <DelayDialog
          item={delaying}
          onClose={() => setDelaying(null)}
          onDelayed={(moved) => {
            onItems((old) => upsert(old ?? [], moved));
            list.setDone(t("content.schedule.delayed", { n: formatNumber(moved.length) }));
            setDelaying(null);
          }}
        />
      )}
      <ListDeleteDialog
        list={list}
        name={(item) => item.title}
        body={t("content.schedule.deleteBody")}
        onConfirm={(item) => void remove(item)}
      />
    </div>
  );
}

function DelayDialog({
  item,
  onClose,
  onDelayed,
}: {
  item: StaffPerformance;
  onClose: () => void;
  onDelayed: (moved: StaffPerformance[]) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [minutes, setMinutes] = useState("15");
  const [cascade, setCascade] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState(false);
  const errors = fieldErrorsOf(error);

  async function submit(form: FormEvent) {
    form.preventDefault();
    const value = Number(minutes);
    const ok = Number.isInteger(value) && value >= 1 && value <= 240;
    setInvalid(!ok);
    if (!ok) {
      document.getElementById(`${id}-minutes`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDelayed(await delayPerformance(item.id, value, cascade));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <Modal open onClose={onClose} labelledBy={`${id}-title`}>
      <form className="stack" onSubmit={submit} noValidate data-testid="delay-dialog">
        <h2 id={`${id}-title`} className="staff-modal-title">
          {t("content.schedule.delayTitle", { title: item.title })}
        </h2>
        <TextField
          id={`${id}-minutes`}
          label={t("content.schedule.minutes")}
          hint={t("content.schedule.minutesHint")}
          type="number"
          inputMode="numeric"
          min={1}
          max={240}
          value={minutes}
          onChange={(change) => setMinutes(change.target.value)}
          error={invalid ? t("content.schedule.minutesHint") : errors.minutes}
          autoFocus
        />
        <label className="content-check">
          <input type="checkbox" checked={cascade} onChange={(change) => setCascade(change.target.checked)} />
          {t("content.schedule.cascade")}
        </label>
        {error !== null && Object.keys(errors).length === 0 && <ErrorNotice error={error} />}
        <div className="row staff-modal-buttons">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t("staff.confirm.back")}
          </button>
          <button type="submit" className="btn" disabled={busy}>
            {busy ? t("staff.busy") : t("content.schedule.delayGo")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
