/**
 * The dashboard's waiting room and waitlist part (docs/waiting-room.md): the live figures
 * from the dashboard's frames, and the waiting room's controls for staff (mode, sales
 * opening, admission rate, pass minutes, the automatic threshold), sent as a PATCH of what
 * changed.
 */
import { useEffect, useId, useState } from "react";
import type { FormEvent } from "react";
import { ApiError } from "../../../api/client";
import { ErrorNotice } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import { useLoad } from "../../../shared/hooks/useLoad";
import { fetchWaitingRoom, updateWaitingRoom } from "../api/waitingRoom";
import { changesOf, formOf } from "../lib/waitingRoom";
import type { QueueFigures, WaitingRoomForm, WaitingRoomMode, WaitlistFigures } from "../lib/waitingRoom";

const MODES: WaitingRoomMode[] = ["off", "on", "auto"];
const MODE_KEYS: Record<WaitingRoomMode, MessageKey> = {
  off: "staff.wr.mode.off",
  on: "staff.wr.mode.on",
  auto: "staff.wr.mode.auto",
};

function Figure({ name, label, value, text }: { name: string; label: string; value: number; text?: string }) {
  const { formatNumber } = useI18n();
  return (
    <div className="staff-wr-figure">
      <span className="staff-stat-label">{label}</span>
      <span className="staff-wr-value" data-testid={`wr-${name}`} data-value={value}>
        {text ?? formatNumber(value)}
      </span>
    </div>
  );
}


export function WaitingRoomFigures({ queue, waitlist }: { queue: QueueFigures | null; waitlist: WaitlistFigures | null }) {
  const { t, formatNumber } = useI18n();
  if (!queue && !waitlist) return null;
  return (
    <div className="staff-wr-grid">
      {queue && (
        <section className="card staff-section" aria-labelledby="staff-wr-figures" data-testid="wr-figures">
          <h2 id="staff-wr-figures" className="staff-card-title">
            {t("staff.wr.title")}{" "}
            <span className={`staff-wr-state ${queue.active ? "staff-wr-on" : ""}`} data-testid="wr-active" data-value={queue.active}>
              {t(queue.active ? "staff.wr.active" : "staff.wr.inactive")}
            </span>
          </h2>
          <div className="staff-wr-figures" aria-live="polite">
            <Figure name="length" label={t("staff.wr.length")} value={queue.length} />
            <Figure name="rate" label={t("staff.wr.admittedPerMinute")} value={queue.admitted_per_minute} />
            <Figure
              name="wait"
              label={t("staff.wr.wait")}
              value={queue.estimated_wait_seconds}
              text={t("staff.wr.minutes", { minutes: formatNumber(Math.ceil(queue.estimated_wait_seconds / 60)) })}
            />
          </div>
        </section>
      )}
      {waitlist && (
        <section className="card staff-section" aria-labelledby="staff-wl-figures" data-testid="wl-figures">
          <h2 id="staff-wl-figures" className="staff-card-title">
            {t("staff.wl.title")}
          </h2>
          <div className="staff-wr-figures" aria-live="polite">
            <Figure name="wl-waiting" label={t("staff.wl.waiting")} value={waitlist.waiting} />
            <Figure name="wl-offered" label={t("staff.wl.offered")} value={waitlist.offered} />
            <Figure name="wl-taken" label={t("staff.wl.taken")} value={waitlist.taken} />
            <Figure name="wl-lapsed" label={t("staff.wl.lapsed")} value={waitlist.lapsed} />
          </div>
        </section>
      )}
    </div>
  );
}

export function WaitingRoomControls({ slug }: { slug: string }) {
  const { t } = useI18n();
  const id = useId();
  const { data, error } = useLoad((signal) => fetchWaitingRoom(slug, signal), slug);
  const [saved, setSaved] = useState<WaitingRoomForm | null>(null);
  const [form, setForm] = useState<WaitingRoomForm | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (!data) return;
    const initial = formOf(data);
    setSaved(initial);
    setForm(initial);
  }, [data]);

  // Not staff of this event, or no waiting room here: nothing to show.
  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return null;
  if (error) return <ErrorNotice error={error} />;
  if (!form || !saved) return null;

  const set = (patch: Partial<WaitingRoomForm>) => {
    setDone(false);
    setForm({ ...form, ...patch });
  };
  const fieldError = (name: string) => (problem instanceof ApiError ? problem.field(name) : undefined);

  async function submit(submitted: FormEvent) {
    submitted.preventDefault();
    if (!form || !saved) return;
    const patch = changesOf(saved, form);
    if (Object.keys(patch).length === 0) return setDone(true);
    setBusy(true);
    setProblem(null);
    try {
      const next = formOf(await updateWaitingRoom(slug, patch));
      setSaved(next);
      setForm(next);
      setDone(true);
    } catch (failure) {
      setProblem(failure);
    } finally {
      setBusy(false);
    }
  }

  const number = (name: "admission_per_minute" | "pass_minutes" | "arrival_threshold", label: MessageKey, min: number) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{t(label)}</label>
      <input
        id={`${id}-${name}`}
        type="number"
        inputMode="numeric"
        min={min}
        value={form[name]}
        onChange={(change) => set({ [name]: change.target.value })}
        aria-invalid={fieldError(name) ? true : undefined}
        data-testid={`wr-input-${name}`}
      />
      {fieldError(name) && <span className="field-error">{fieldError(name)}</span>}
    </div>
  );

  return (
    <section className="card staff-section" aria-labelledby={`${id}-title`} data-testid="wr-controls">
      <h2 id={`${id}-title`} className="staff-card-title">
        {t("staff.wr.title")}
      </h2>
      <form className="staff-wr-form" onSubmit={(submitted) => void submit(submitted)}>
        <fieldset className="staff-wr-modes">
          <legend>{t("staff.wr.mode")}</legend>
          {MODES.map((mode) => (
            <label key={mode} className="staff-wr-mode">
              <input
                type="radio"
                name={`${id}-mode`}
                value={mode}
                checked={form.mode === mode}
                onChange={() => set({ mode })}
                data-testid={`wr-mode-${mode}`}
              />
              {t(MODE_KEYS[mode])}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-opens`}>{t("staff.wr.opensAt")}</label>
          <input
            id={`${id}-opens`}
            type="datetime-local"
            value={form.opens_at}
            onChange={(change) => set({ opens_at: change.target.value })}
            aria-invalid={fieldError("opens_at") ? true : undefined}
          />
          {fieldError("opens_at") && <span className="field-error">{fieldError("opens_at")}</span>}
        </div>
        {number("admission_per_minute", "staff.wr.rate", 1)}
        {number("pass_minutes", "staff.wr.passMinutes", 1)}
        {form.mode === "auto" && number("arrival_threshold", "staff.wr.threshold", 1)}
        <div className="staff-wr-submit">
          <button type="submit" className="btn" disabled={busy} data-testid="wr-save">
            {busy ? t("staff.wr.saving") : t("staff.wr.save")}
          </button>
          <span role="status" className={done ? "staff-wr-saved" : "visually-hidden"}>
            {done ? t("staff.wr.saved") : ""}
          </span>
        </div>
        {problem && !(problem instanceof ApiError && problem.body.fields) ? <ErrorNotice error={problem} /> : null}
      </form>
    </section>
  );
}
