/** Pieces the content tabs share: loading per event, a save line, bilingual fields, errors. */
import { useCallback, useEffect, useId, useState } from "react";
import type { ReactNode } from "react";
import { ApiError } from "../../../api/client";
import { useErrorText } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { flattenErrors } from "../lib/content";
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

/** Two fields side by side: English, and Arabic (right to left). */
export function Bilingual({ children }: { children: [ReactNode, ReactNode] }) {
  return <div className="content-bilingual">{children}</div>;
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
