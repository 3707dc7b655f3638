/**
 * Pieces the content tabs share: loading per event, an action's busy, done and failed states,
 * the add-or-edit form and the list beside it with each row's Edit and Delete, a picture's
 * file field, bilingual fields, errors.
 */
import { useCallback, useEffect, useId, useState } from "react";
import type { FormEvent, ReactNode, Ref } from "react";
import { ApiError } from "../../../api/client";
import { TextAreaField, TextField } from "../../../components/Field";
import { ErrorNotice, Loading, useErrorText } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { flattenErrors, upsert } from "../lib/content";
import { Modal } from "./parts";

/** Load once per key, with a reload; late answers are dropped. */
export function useStaffLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    load(controller.signal).then(
      (answer) => !controller.signal.aborted && setData(answer),
      (caught: unknown) => !controller.signal.aborted && setError(caught),
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `load` is new each render; the key says when to load again.
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((value) => value + 1), []);
  return { data, setData, error, reload };
}

/** While a tab's data is missing: the first load's error (Retry loads them all again), or the spinner. */
export function Waiting({ loads }: { loads: { error: unknown; reload: () => void }[] }) {
  const failed = loads.find((load) => load.error);
  if (failed) return <ErrorNotice error={failed.error} onRetry={() => loads.forEach((load) => load.reload())} />;
  return <Loading />;
}

/**
 * One thing done at a time: `run(key, action)` marks `key` busy, clears the last outcome and
 * keeps what the action says it did, or what went wrong (`errors`: the server's field messages).
 */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(async (key: string, action: () => Promise<string>) => {
    setBusy(key);
    setError(null);
    setDone(null);
    try {
      setDone(await action());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, error, errors: fieldErrorsOf(error), done, setError, setDone, run };
}

export type Action = ReturnType<typeof useAction>;

/**
 * A list tab's actions: `save` creates or changes an item and puts it in the list (busy
 * "save"), `remove` deletes the one its dialog asked about (busy "delete-{id}") and closes it.
 */
export function useListActions<T extends { id: number }>(onItems: (update: (old: T[] | null) => T[] | null) => void) {
  const action = useAction();
  const [confirming, setConfirming] = useState<T | null>(null);
  const { run } = action;
  const save = (send: () => Promise<T>, said: (item: T) => string, after: () => void) =>
    run("save", async () => {
      const item = await send();
      onItems((old) => upsert(old ?? [], [item]));
      after();
      return said(item);
    });
  const remove = async (item: T, send: () => Promise<unknown>, said: string, after: () => void) => {
    await run(`delete-${item.id}`, async () => {
      await send();
      onItems((old) => (old ?? []).filter((row) => row.id !== item.id));
      after();
      return said;
    });
    setConfirming(null);
  };
  return { ...action, save, remove, confirming, setConfirming };
}

/** The dialog a list row's Delete opens (while `list.confirming` names the item): Delete runs `onConfirm`. */
export function ListDeleteDialog<T extends { id: number }>({
  list,
  name,
  body,
  onConfirm,
}: {
  list: Pick<ReturnType<typeof useListActions<T>>, "busy" | "confirming" | "setConfirming">;
  name: (item: T) => string;
  body?: string;
  onConfirm: (item: T) => void;
}) {
  const item = list.confirming;
  if (!item) return null;
  return (
    <ConfirmDelete
      name={name(item)}
      body={body}
      busy={list.busy === `delete-${item.id}`}
      onConfirm={() => onConfirm(item)}
      onClose={() => list.setConfirming(null)}
    />
  );
}

/**
 * The add-or-edit form of a list tab: its title, the fields, Add (or Save and Cancel while
 * editing) and the outcome; a field the server named shows its own message instead.
 */
export function EditorForm({
  title,
  testId,
  statusTestId,
  action,
  editing,
  addLabel,
  disabled = false,
  onSubmit,
  onCancel,
  children,
}: {
  title: string;
  testId: string;
  statusTestId: string;
  action: Action;
  editing: boolean;
  addLabel: string;
  disabled?: boolean;
  onSubmit: (form: FormEvent) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-form`} data-testid={testId}>
      <h2 id={`${id}-form`} className="staff-card-title">
        {title}
      </h2>
      {children}
      <div className="row">
        <button type="submit" className="btn" disabled={action.busy !== null || disabled}>
          {action.busy === "save" ? t("staff.busy") : editing ? t("content.save") : addLabel}
        </button>
        {editing && (
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        )}
      </div>
      <StatusLine done={action.done} error={Object.keys(action.errors).length ? null : action.error} testId={statusTestId} />
    </form>
  );
}

/** The list beside the form: a card with its title, and what to say when it is empty. */
export function ListCard({ title, empty, children }: { title: string; empty: string | null; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-list`}>
      <h2 id={`${id}-list`} className="staff-card-title">
        {title}
      </h2>
      {empty !== null ? <p className="muted staff-flush">{empty}</p> : children}
    </section>
  );
}

/** A list row's Edit and Delete (Delete asks first, in the page's dialog), with more between. */
export function RowActions({
  name,
  busy,
  deleting,
  onEdit,
  onDelete,
  children,
}: {
  name: string;
  /** Something is being done: no second delete meanwhile. */
  busy: boolean;
  deleting: boolean;
  onEdit: () => void;
  onDelete: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="staff-actions">
      <button type="button" className="btn btn-secondary btn-small" onClick={onEdit} aria-label={t("content.editLabel", { name })}>
        {t("content.edit")}
      </button>
      {children}
      <button
        type="button"
        className="btn btn-secondary btn-small staff-btn-danger-text"
        disabled={busy}
        onClick={onDelete}
        aria-label={t("content.deleteLabel", { name })}
      >
        {deleting ? t("staff.busy") : t("content.delete")}
      </button>
    </div>
  );
}

/** The picture types the server keeps (backend/core/images.py). */
const IMAGE_TYPES = "image/png,image/jpeg,image/webp,image/gif";

/** A picture's file field: its label, the size and type hint, the input, its error; `preview` above the input, `children` below. */
export function ImageField({
  id,
  label,
  error,
  inputRef,
  onFile,
  preview,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  inputRef: Ref<HTMLInputElement>;
  onFile: (file: File | null) => void;
  preview?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="hint" id={`${id}-hint`}>
        {t("content.media.fileHint")}
      </span>
      {preview}
      <input
        id={id}
        ref={inputRef}
        type="file"
        accept={IMAGE_TYPES}
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
        onChange={(change) => onFile(change.target.files?.[0] ?? null)}
      />
      {error && <span className="field-error">{error}</span>}
      {children}
    </div>
  );
}

/** The server's field messages by dotted path ("faq.0.question"), empty for other errors. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError && error.body.fields ? flattenErrors(error.body.fields) : {};
}

/** An action's outcome, read out politely: done, or what went wrong. */
export function StatusLine({ done, error, testId }: { done: string | null; error: unknown; testId?: string }) {
  const text = useErrorText();
  return (
    <p className="content-status" role="status" aria-live="polite" data-testid={testId}>
      {error ? <span className="content-status-error">{text(error)}</span> : done ? <span className="content-status-ok">✓ {done}</span> : null}
    </p>
  );
}

/**
 * One text in English and in Arabic, side by side, each written in its own direction and
 * labelled "(English)" or "(Arabic)"; the Arabic field's id is the English one's with "-ar".
 */
export function BilingualField({
  id,
  label,
  en,
  ar,
  onEn,
  onAr,
  error,
  errorAr,
  hint,
  hintAr,
  maxLength,
  textarea = false,
  rows,
}: {
  id: string;
  label: string;
  en: string;
  ar: string;
  onEn: (value: string) => void;
  onAr: (value: string) => void;
  error?: string;
  errorAr?: string;
  hint?: string;
  hintAr?: string;
  maxLength?: number;
  /** A textarea (`rows` high, else its default) instead of one line. */
  textarea?: boolean;
  rows?: number;
}) {
  const tags = useLangTags();
  const side = (lang: "en" | "ar") => {
    const english = lang === "en";
    const field = {
      id: english ? id : `${id}-ar`,
      label: `${label} ${tags[lang]}`,
      hint: english ? hint : hintAr,
      value: english ? en : ar,
      maxLength,
      error: english ? error : errorAr,
      dir: english ? "ltr" : "rtl",
      lang,
    };
    const onChange = (change: { target: { value: string } }) => (english ? onEn : onAr)(change.target.value);
    return textarea ? (
      <TextAreaField {...field} {...(rows ? { rows } : {})} onChange={onChange} />
    ) : (
      <TextField {...field} onChange={onChange} />
    );
  };
  return (
    <div className="content-bilingual">
      {side("en")}
      {side("ar")}
    </div>
  );
}

/** "(English)" / "(Arabic)" after a label. */
export function useLangTags() {
  const { t } = useI18n();
  return { en: t("content.lang.en"), ar: t("content.lang.ar") };
}

/** "Delete X?" in a dialog: the page keeps who is being deleted; this asks and waits. */
export function ConfirmDelete({
  name,
  body,
  busy,
  onConfirm,
  onClose,
}: {
  name: string;
  body?: string;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <Modal open onClose={onClose} labelledBy={`${id}-title`}>
      <div className="stack">
        <h2 id={`${id}-title`} className="staff-modal-title">
          {t("content.confirmDelete", { name })}
        </h2>
        {body && <p>{body}</p>}
        <div className="row staff-modal-buttons">
          <button type="button" className="btn btn-secondary" onClick={onClose} autoFocus>
            {t("staff.confirm.back")}
          </button>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={onConfirm} data-testid="confirm-delete">
            {busy ? t("staff.busy") : t("content.delete")}
          </button>
        </div>
      </div>
    </Modal>
  );
}
