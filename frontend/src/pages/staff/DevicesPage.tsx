/** Scanning stations of the event: list, create (the token is shown once), revoke. */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { api, ApiError } from "../../api/client";
import { ErrorNotice, Loading, PageTitle } from "../../components/ui";
import { useI18n } from "../../i18n";
import { Modal, useVenueTime } from "./components";
import { useStaffEvent } from "./context";
import { ago, devicesFor, tokenPreview } from "./devices";
import type { CreatedDevice, Device, StaffEvent } from "./types";
import { useMediaQuery, WIDE } from "./useMediaQuery";

function useLastSeen() {
  const { t, lang } = useI18n();
  const format = new Intl.RelativeTimeFormat(lang === "ar" ? "ar" : "en-GB", { numeric: "auto" });
  return (iso: string | null) => {
    const when = ago(iso, Date.now());
    return when ? format.format(when.value, when.unit) : t("staff.devices.never");
  };
}

function TokenOnce({ device, onDone }: { device: CreatedDevice; onDone: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const tokenRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(device.token);
      setCopied("yes");
    } catch {
      // No clipboard (an insecure origin, a refusal): select the text for a manual copy.
      const range = document.createRange();
      if (tokenRef.current) range.selectNodeContents(tokenRef.current);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      setCopied("no");
    }
  }

  return (
    <section className="card staff-token" aria-labelledby="staff-token-title">
      <h2 id="staff-token-title" className="staff-card-title" tabIndex={-1} ref={headingRef}>
        {t("staff.devices.tokenTitle", { label: device.label })}
      </h2>
      <p className="notice notice-warn">{t("staff.devices.tokenOnce")}</p>
      <code className="staff-token-value" data-testid="device-token" ref={tokenRef} dir="ltr">
        {device.token}
      </code>
      <div className="row">
        <button type="button" className="btn" onClick={() => void copy()}>
          {t("staff.devices.copy")}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onDone}>
          {t("staff.devices.done")}
        </button>
        <span role="status" className="staff-notice-line">
          {copied === "yes" ? t("staff.devices.copied") : copied === "no" ? t("staff.devices.copyManually") : ""}
        </span>
      </div>
    </section>
  );
}

function CreateDevice({ event, onCreated }: { event: StaffEvent; onCreated: (device: CreatedDevice) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [label, setLabel] = useState("");
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
      const device = await api<CreatedDevice>("/api/staff/devices/", { body: { label: label.trim(), event: event.slug } });
      setLabel("");
      onCreated(device);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const labelError = missing
    ? t("staff.devices.labelMissing")
    : error instanceof ApiError
      ? error.field("label")
      : undefined;
  return (
    <form className="card stack staff-device-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`} className="staff-card-title">
        {t("staff.devices.create")}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-label`}>{t("staff.devices.label")}</label>
        <div className="staff-search-row">
          <input
            id={`${id}-label`}
            value={label}
            maxLength={100}
            required
            aria-invalid={labelError ? true : undefined}
            aria-describedby={`${id}-hint${labelError ? ` ${id}-error` : ""}`}
            onChange={(change) => setLabel(change.target.value)}
          />
          <button type="submit" className="btn" disabled={busy}>
            {busy ? t("staff.busy") : t("staff.devices.createButton")}
          </button>
        </div>
        <span className="hint" id={`${id}-hint`}>
          {t("staff.devices.labelHint")}
        </span>
        {labelError && (
          <span className="field-error" id={`${id}-error`}>
            {labelError}
          </span>
        )}
      </div>
      {error !== null && !labelError && <ErrorNotice error={error} />}
      <p className="muted staff-small">{t("staff.devices.gatesHint")}</p>
    </form>
  );
}

function RevokeButton({ device, onRevoked }: { device: Device; onRevoked: (device: Device) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (device.revoked_at) return null;

  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      const updated = await api<Device>(`/api/staff/devices/${device.id}/revoke/`, { method: "POST", body: {} });
      setAsking(false);
      onRevoked(updated);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="btn btn-secondary btn-small staff-btn-danger-text"
        onClick={() => setAsking(true)}
        aria-label={t("staff.devices.revokeLabel", { label: device.label })}
      >
        {t("staff.devices.revoke")}
      </button>
      {asking && (
        <Modal open onClose={() => setAsking(false)} labelledBy={`${id}-title`}>
          <div className="stack">
            <h2 id={`${id}-title`} className="staff-modal-title">
              {t("staff.devices.revokeTitle", { label: device.label })}
            </h2>
            <p>{t("staff.devices.revokeBody")}</p>
            <ErrorNotice error={error} />
            <div className="row staff-modal-buttons">
              <button type="button" className="btn btn-secondary" onClick={() => setAsking(false)} autoFocus>
                {t("staff.confirm.back")}
              </button>
              <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void revoke()}>
                {busy ? t("staff.busy") : t("staff.devices.revokeGo")}
              </button>
            </div>
          </div>
        </Modal>
      )}
    </>
  );
}

function DeviceState({ device }: { device: Device }) {
  const { t } = useI18n();
  return device.revoked_at ? (
    <span className="staff-status staff-status-cancelled">
      <span aria-hidden="true">✕</span> {t("staff.devices.revoked")}
    </span>
  ) : (
    <span className="staff-status staff-status-confirmed">
      <span aria-hidden="true">✓</span> {t("staff.devices.active")}
    </span>
  );
}

function DeviceList({ devices, event, onRevoked }: { devices: Device[]; event: StaffEvent; onRevoked: (d: Device) => void }) {
  const { t } = useI18n();
  const wide = useMediaQuery(WIDE);
  const lastSeen = useLastSeen();
  const { dateTime } = useVenueTime(event.venue?.time_zone);
  if (devices.length === 0) return <p className="card muted">{t("staff.devices.none")}</p>;
  const everyEvent = (device: Device) =>
    device.event ? null : <span className="badge staff-every">{t("staff.devices.everyEvent")}</span>;
  if (!wide) {
    return (
      <ul className="staff-cards staff-plain-list" data-testid="devices-list">
        {devices.map((device) => (
          <li key={device.id} className="card staff-device-card" data-testid={`device-${device.id}`}>
            <div className="staff-booking-card-head">
              <span className="staff-strong">
                {device.label} {everyEvent(device)}
              </span>
              <DeviceState device={device} />
            </div>
            <p className="muted">
              {t("staff.devices.token")}: <code dir="ltr">{tokenPreview(device.token_hint)}</code>
            </p>
            <p className="muted">
              {t("staff.devices.lastSeen")}: {lastSeen(device.last_seen_at)}
            </p>
            <RevokeButton device={device} onRevoked={onRevoked} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="card staff-table-wrap">
      <table className="staff-table" data-testid="devices-list">
        <caption className="visually-hidden">{t("staff.devices.caption", { event: event.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("staff.devices.label")}</th>
            <th scope="col">{t("staff.devices.token")}</th>
            <th scope="col">{t("staff.devices.created")}</th>
            <th scope="col">{t("staff.devices.lastSeen")}</th>
            <th scope="col">{t("staff.devices.state")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("staff.bookings.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {devices.map((device) => (
            <tr key={device.id} data-testid={`device-${device.id}`}>
              <th scope="row">
                {device.label} {everyEvent(device)}
              </th>
              <td>
                <code dir="ltr">{tokenPreview(device.token_hint)}</code>
              </td>
              <td>{dateTime(device.created_at)}</td>
              <td title={device.last_seen_at ? dateTime(device.last_seen_at) : undefined}>{lastSeen(device.last_seen_at)}</td>
              <td>
                <DeviceState device={device} />
              </td>
              <td>
                <RevokeButton device={device} onRevoked={onRevoked} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function DevicesPage() {
  const event = useStaffEvent();
  const { t } = useI18n();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<CreatedDevice | null>(null);
  const [notice, setNotice] = useState("");

  const load = useCallback(() => {
    setError(null);
    api<{ devices: Device[] }>("/api/staff/devices/")
      .then((body) => setDevices(body.devices))
      .catch(setError);
  }, []);
  useEffect(load, [load]);

  const upsert = (device: Device) =>
    setDevices((current) => [device, ...(current ?? []).filter((item) => item.id !== device.id)]);

  return (
    <main id="main" className="page staff-page">
      <PageTitle title={`${t("staff.devices.title")} · ${event.name}`}>{t("staff.devices.title")}</PageTitle>
      <p className="muted">{t("staff.devices.intro")}</p>
      <p role="status" className="staff-notice-line">
        {notice}
      </p>
      <div className="stack">
        <div className="staff-devices-top">
          {created ? (
            <TokenOnce device={created} onDone={() => setCreated(null)} />
          ) : (
            <CreateDevice
              event={event}
              onCreated={(device) => {
                // Keep the token out of the list: only this card ever shows it.
                const { token: _token, ok: _ok, ...listed } = device as CreatedDevice & { ok?: boolean };
                upsert(listed);
                setCreated(device);
                setNotice("");
              }}
            />
          )}
        </div>
        <section aria-labelledby="staff-devices-list" className="stack">
          <h2 id="staff-devices-list" className="staff-card-title">
            {t("staff.devices.listTitle")}
          </h2>
          <ErrorNotice error={error} onRetry={load} />
          {!devices && !error && <Loading />}
          {devices && (
            <DeviceList
              devices={devicesFor(devices, event.slug)}
              event={event}
              onRevoked={(device) => {
                upsert(device);
                setNotice(t("staff.devices.revokedNotice", { label: device.label }));
              }}
            />
          )}
        </section>
      </div>
    </main>
  );
}
