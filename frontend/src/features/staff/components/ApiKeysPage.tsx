/**
 * API keys of the event, for programs that use the staff API (the repair shop's X-API-Key):
 * list, create (the key is shown once), revoke. A key acts as the staff member who made it,
 * on this event only.
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { ApiError } from "../../../api/client";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { Modal, useVenueTime } from "./parts";
import { useStaffEvent } from "../hooks/useStaffEvent";
import { createApiKey, listApiKeys, revokeApiKey } from "../api/apiKeys";
import type { ApiKey, CreatedApiKey } from "../../../api/schema";

function KeyOnce({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const keyRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied("yes");
    } catch {
      // No clipboard (an insecure origin, a refusal): select the text for a manual copy.
      const range = document.createRange();
      if (keyRef.current) range.selectNodeContents(keyRef.current);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      setCopied("no");
    }
  }

  return (
    <section className="card staff-token" aria-labelledby="staff-api-key-title">
      <h2 id="staff-api-key-title" className="staff-card-title" tabIndex={-1} ref={headingRef}>
        {t("staff.apiKeys.keyTitle", { label: created.label })}
      </h2>
      <p className="notice notice-warn">{t("staff.apiKeys.keyOnce")}</p>
      <code className="staff-token-value" data-testid="api-key" ref={keyRef} dir="ltr">
        {created.key}
      </code>
      <div className="row">
        <button type="button" className="btn" onClick={() => void copy()}>
          {t("staff.apiKeys.copy")}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onDone}>
          {t("staff.apiKeys.done")}
        </button>
        <span role="status" className="staff-notice-line">
          {copied === "yes" ? t("staff.apiKeys.copied") : copied === "no" ? t("staff.apiKeys.copyManually") : ""}
        </span>
      </div>
    </section>
  );
}

function CreateKey({ event, onCreated }: { event: string; onCreated: (created: CreatedApiKey) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [label, setLabel] = useState("");
  const [rate, setRate] = useState(60);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);

  async function submit(form: FormEvent) {
    form.preventDefault();
    setMissing(!label.trim());
    if (!label.trim()) {
      document.getElementById(`${id}-label`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await createApiKey(label.trim(), event, rate);
      setLabel("");
      onCreated(created);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const labelError = missing
    ? t("staff.apiKeys.labelMissing")
    : error instanceof ApiError
      ? error.field("label")
      : undefined;
  return (
    <form className="card stack staff-device-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`} className="staff-card-title">
        {t("staff.apiKeys.create")}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-label`}>{t("staff.apiKeys.label")}</label>
        <input
          id={`${id}-label`}
          value={label}
          maxLength={100}
          required
          aria-invalid={labelError ? true : undefined}
          aria-describedby={`${id}-hint${labelError ? ` ${id}-error` : ""}`}
          onChange={(change) => setLabel(change.target.value)}
        />
        <span className="hint" id={`${id}-hint`}>
          {t("staff.apiKeys.labelHint")}
        </span>
        {labelError && (
          <span className="field-error" id={`${id}-error`}>
            {labelError}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-rate`}>{t("staff.apiKeys.rate")}</label>
        <input
          id={`${id}-rate`}
          type="number"
          min={1}
          max={10000}
          value={rate}
          onChange={(change) => setRate(Math.max(1, Number(change.target.value) || 1))}
        />
      </div>
      {!labelError && <ErrorNotice error={error} />}
      <div className="row">
        <button type="submit" className="btn" disabled={busy}>
          {busy ? t("staff.busy") : t("staff.apiKeys.submit")}
        </button>
      </div>
    </form>
  );
}

function RevokeDialog({
  apiKey,
  onClose,
  onRevoked,
}: {
  apiKey: ApiKey;
  onClose: () => void;
  onRevoked: (key: ApiKey) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      onRevoked(await revokeApiKey(apiKey.id));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <Modal open onClose={onClose} labelledBy={`${id}-title`}>
      <div className="stack">
        <h2 id={`${id}-title`} className="staff-modal-title">
          {t("staff.apiKeys.revokeTitle", { label: apiKey.label })}
        </h2>
        <p>{t("staff.apiKeys.revokeBody")}</p>
        <ErrorNotice error={error} />
        <div className="row staff-modal-buttons">
          <button type="button" className="btn btn-secondary" onClick={onClose} autoFocus>
            {t("staff.confirm.back")}
          </button>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void revoke()}>
            {busy ? t("staff.busy") : t("staff.apiKeys.revoke")}
          </button>
        </div>
      </div>
    </Modal>
  );
}

function KeyList({ keys, timeZone, onRevoke }: { keys: ApiKey[]; timeZone?: string; onRevoke: (key: ApiKey) => void }) {
  const { t } = useI18n();
  const { dateTime } = useVenueTime(timeZone);
  if (keys.length === 0) return <p className="muted">{t("staff.apiKeys.none")}</p>;
  return (
    <div className="table-scroll">
      <table className="staff-table">
        <thead>
          <tr>
            <th scope="col">{t("staff.apiKeys.colLabel")}</th>
            <th scope="col">{t("staff.apiKeys.colOwner")}</th>
            <th scope="col">{t("staff.apiKeys.colKey")}</th>
            <th scope="col">{t("staff.apiKeys.colRate")}</th>
            <th scope="col">{t("staff.apiKeys.colLastUsed")}</th>
            <th scope="col">{t("staff.apiKeys.colState")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("staff.bookings.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} data-testid={`api-key-${key.id}`}>
              <th scope="row">{key.label}</th>
              <td>
                <bdi>{key.owner.name || key.owner.email}</bdi>
              </td>
              <td>
                <code dir="ltr">{`ghk_${key.prefix}_…`}</code>
              </td>
              <td>{key.requests_per_minute}</td>
              <td>{key.last_used_at ? dateTime(key.last_used_at) : t("staff.apiKeys.never")}</td>
              <td>{key.revoked_at ? t("staff.apiKeys.revoked") : t("staff.apiKeys.active")}</td>
              <td>
                {!key.revoked_at && (
                  <button type="button" className="btn btn-secondary btn-small" onClick={() => onRevoke(key)}>
                    {t("staff.apiKeys.revoke")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ApiKeysPage() {
  const event = useStaffEvent();
  const { t } = useI18n();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [notice, setNotice] = useState<ApiKey | null>(null);

  const load = useCallback(() => {
    setError(null);
    listApiKeys().then(setKeys).catch(setError);
  }, []);
  useEffect(load, [load]);

  const upsert = (key: ApiKey) =>
    setKeys((current) => [key, ...(current ?? []).filter((item) => item.id !== key.id)]);

  return (
    <main id="main" className="page staff-page">
      <PageTitle title={`${t("staff.apiKeys.title")} · ${event.name}`}>{t("staff.apiKeys.title")}</PageTitle>
      <p className="muted">{t("staff.apiKeys.intro")}</p>
      <p role="status" className="staff-notice-line">
        {notice && t("staff.apiKeys.revokedNotice", { label: notice.label })}
      </p>
      <div className="stack">
        {created ? (
          <KeyOnce created={created} onDone={() => setCreated(null)} />
        ) : (
          <CreateKey
            event={event.slug}
            onCreated={(made) => {
              // Keep the key out of the list: only this card ever shows it.
              const { ok: _ok, key: _key, ...listed } = made;
              upsert(listed);
              setCreated(made);
              setNotice(null);
            }}
          />
        )}
        <section aria-labelledby="staff-api-keys-list" className="stack">
          <h2 id="staff-api-keys-list" className="staff-card-title">
            {t("staff.apiKeys.listTitle")}
          </h2>
          <ErrorNotice error={error} onRetry={load} />
          {!keys && !error && <Loading />}
          {keys && (
            <KeyList
              keys={keys.filter((key) => key.event === event.slug)}
              timeZone={event.venue?.time_zone}
              onRevoke={setRevoking}
            />
          )}
        </section>
      </div>
      {revoking && (
        <RevokeDialog
          apiKey={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={(key) => {
            setRevoking(null);
            upsert(key);
            setNotice(key);
          }}
        />
      )}
    </main>
  );
}
