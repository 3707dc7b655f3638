/**
 * The schedule: performances by festival day, each with Edit, Delay and Delete; a form to
 * add or change one (times typed on the venue's clock); Delay moves it some minutes later
 * (and, with "cascade", the later ones on its stage that day). Every change reaches the
 * public page live through the schedule topic.
 */
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { TextAreaField, TextField } from "../../../components/Field";
import { ErrorNotice, Loading } from "../../../components/ui";
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
import { Bilingual, ConfirmDelete, fieldErrorsOf, StatusLine, useLangTags, useStaffLoad } from "./ContentParts";
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
  const error = schedule.error ?? stages.error;
  if (error && (!schedule.data || !stages.data)) {
    return (
      <ErrorNotice
        error={error}
        onRetry={() => {
          schedule.reload();
          stages.reload();
        }}
      />
    );
  }
  if (!schedule.data || !stages.data) return <Loading />;
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
  const tags = useLangTags();
  const [editing, setEditing] = useState<number | null>(null);
  const [form, setForm] = useState<PerformanceForm>(() => emptyForm(stages, event.starts_at, timeZone));
  const [problems, setProblems] = useState<PerformanceProblem[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [delaying, setDelaying] = useState<StaffPerformance | null>(null);
  const [confirming, setConfirming] = useState<StaffPerformance | null>(null);
  const errors = fieldErrorsOf(error);
  const problem = (field: PerformanceProblem) => (problems.includes(field) ? t(PROBLEMS[field]) : undefined);
  const set = (field: keyof PerformanceForm) => (value: string) => setForm((old) => ({ ...old, [field]: value }));
  const time = (iso: string) => formatTime(lang, iso, timeZone);
  const stageName = (stage: { name: string; name_ar: string }) => (lang === "ar" && stage.name_ar ? stage.name_ar : stage.name);

  function open(item: StaffPerformance | null) {
    setEditing(item?.id ?? null);
    setForm(item ? performanceForm(item, timeZone) : emptyForm(stages, event.starts_at, timeZone));
    setProblems([]);
    setError(null);
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
    setBusy("save");
    setError(null);
    setDone(null);
    try {
      const item =
        editing === null ? await createPerformance(event.slug, request.body) : await updatePerformance(editing, request.body);
      onItems((old) => upsert(old ?? [], [item]));
      setDone(editing === null ? t("content.schedule.added", { title: item.title }) : t("content.schedule.saved", { title: item.title }));
      open(null);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  async function remove(item: StaffPerformance) {
    setBusy(`delete-${item.id}`);
    setError(null);
    setDone(null);
    try {
      await deletePerformance(item.id);
      onItems((old) => (old ?? []).filter((row) => row.id !== item.id));
      if (editing === item.id) open(null);
      setDone(t("content.schedule.deleted", { title: item.title }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  }

  const days = byFestivalDay(items, timeZone);

  return (
    <div className="content-two content-schedule">
      <form className="card stack" onSubmit={save} noValidate aria-labelledby={`${id}-form`} data-testid="performance-form">
        <h2 id={`${id}-form`} className="staff-card-title">
          {editing === null ? t("content.schedule.new") : t("content.schedule.edit", { title: form.title })}
        </h2>
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
        <Bilingual>
          <TextField
            id={`${id}-title`}
            label={`${t("content.schedule.title")} ${tags.en}`}
            value={form.title}
            maxLength={200}
            onChange={(change) => set("title")(change.target.value)}
            error={problem("title") ?? errors.title}
            dir="ltr"
          />
          <TextField
            id={`${id}-title-ar`}
            label={`${t("content.schedule.title")} ${tags.ar}`}
            value={form.title_ar}
            maxLength={200}
            onChange={(change) => set("title_ar")(change.target.value)}
            error={errors.title_ar}
            dir="rtl"
            lang="ar"
          />
        </Bilingual>
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
        <Bilingual>
          <TextField
            id={`${id}-note`}
            label={`${t("content.schedule.note")} ${tags.en}`}
            hint={t("content.schedule.noteHint")}
            value={form.note}
            maxLength={300}
            onChange={(change) => set("note")(change.target.value)}
            error={errors.note}
            dir="ltr"
          />
          <TextField
            id={`${id}-note-ar`}
            label={`${t("content.schedule.note")} ${tags.ar}`}
            value={form.note_ar}
            maxLength={300}
            onChange={(change) => set("note_ar")(change.target.value)}
            error={errors.note_ar}
            dir="rtl"
            lang="ar"
          />
        </Bilingual>
        <div className="row">
          <button type="submit" className="btn" disabled={busy !== null || stages.length === 0}>
            {busy === "save" ? t("staff.busy") : editing === null ? t("content.schedule.add") : t("content.save")}
          </button>
          {editing !== null && (
            <button type="button" className="btn btn-secondary" onClick={() => open(null)}>
              {t("common.cancel")}
            </button>
          )}
        </div>
        <StatusLine done={done} error={Object.keys(errors).length ? null : error} testId="schedule-status" />
      </form>

      <section className="card" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`} className="staff-card-title">
          {t("content.schedule.list")}
        </h2>
        {days.length === 0 && <p className="muted staff-flush">{t("content.schedule.none")}</p>}
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
                  <div className="staff-actions">
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      onClick={() => open(item)}
                      aria-label={t("content.editLabel", { name: item.title })}
                    >
                      {t("content.edit")}
                    </button>
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      disabled={item.status === "cancelled"}
                      onClick={() => setDelaying(item)}
                      aria-label={t("content.schedule.delayLabel", { title: item.title })}
                    >
                      {t("content.schedule.delay")}
                    </button>
                    <button
                      type="button"
                      className="btn btn-secondary btn-small staff-btn-danger-text"
                      disabled={busy !== null}
                      onClick={() => setConfirming(item)}
                      aria-label={t("content.deleteLabel", { name: item.title })}
                    >
                      {t("content.delete")}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>

      {delaying && (
        <DelayDialog
          item={delaying}
          onClose={() => setDelaying(null)}
          onDelayed={(moved) => {
            onItems((old) => upsert(old ?? [], moved));
            setDone(t("content.schedule.delayed", { n: formatNumber(moved.length) }));
            setDelaying(null);
          }}
        />
      )}
      {confirming && (
        <ConfirmDelete
          name={confirming.title}
          body={t("content.schedule.deleteBody")}
          busy={busy === `delete-${confirming.id}`}
          onConfirm={() => void remove(confirming)}
          onClose={() => setConfirming(null)}
        />
      )}
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
