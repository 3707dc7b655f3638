/**
 * Scanning stations of the event: list with their gates, create (bound to the gates ticked;
 * the token is shown once), change a station's gates, revoke.
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { ApiError } from "../../../api/client";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { Modal, useVenueTime } from "./parts";
import { useStaffEvent } from "../hooks/useStaffEvent";
import {
  EditGatesDialog,
  GateChecklist,
  StationGates,
  useBindErrorText,
  useEventGates,
  useGateNames,
} from "./DeviceGates";
import type { EventGates } from "./DeviceGates";
import { ago, canEditGates, devicesFor, initialGateChoice, tokenPreview } from "../lib/devices";
import { bindGates, createDevice, listDevices, revokeDevice } from "../api/devices";
import type { CreatedDevice, Device, EventSummary } from "../../../api/schema";
import { useMediaQuery, WIDE } from "../hooks/useMediaQuery";

/** A station as POST /api/staff/devices/ made it (its token included), without the answer's `ok`. */
type NewDevice = Omit<CreatedDevice, "ok">;

/** A station just made: its token (shown this once) and whether binding its gates failed. */
interface Created {
  device: NewDevice;
  bindError: unknown;
}

function useLastSeen() {
  const { t, lang } = useI18n();
  const format = new Intl.RelativeTimeFormat(lang === "ar" ? "ar" : "en-GB", { numeric: "auto" });
  return (iso: string | null) => {
    const when = ago(iso, Date.now());
    return when ? format.format(when.value, when.unit) : t("staff.devices.never");
  };
}

/** Where the new station scans, or why it cannot yet. */
function CreatedGates({ created }: { created: Created }) {
  const { t } = useI18n();
  const bindErrorText = useBindErrorText();
  const gateNames = useGateNames();
  const { device, bindError } = created;
  if (bindError) {
    return (
      <div className="notice notice-error staff-bind-error" role="alert" data-testid="bind-error">
        <strong>{t("staff.devices.bindFailed")}</strong>
        <bdi>{bindErrorText(bindError)}</bdi>
        <span>{t("staff.devices.bindFailedNext")}</span>
      </div>
    );
  }
  if (device.gates.length === 0) {
    return <p className="notice notice-warn">{t("staff.devices.createdNoGate")}</p>;
  }
  return <p className="notice notice-ok">{t("staff.devices.boundTo", { gates: gateNames(device.gates) })}</p>;
}

function TokenOnce({ created, onDone }: { created: Created; onDone: () => void }) {
  const { t } = useI18n();
  const { device } = created;
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
      <CreatedGates created={created} />
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

function CreateDevice({
  event,
  eventGates,
  onCreated,
}: {
  event: EventSummary;
  eventGates: EventGates;
  onCreated: (created: Created) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [label, setLabel] = useState("");
  // Untouched, the choice follows the event's gates as they load (the only one is ticked).
  const [touched, setTouched] = useState<number[] | null>(null);
  const chosen = touched ?? initialGateChoice(eventGates.gates ?? []);
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
    let device: NewDevice;
    try {
      device = await createDevice(label.trim(), event.slug);
    } catch (caught) {
      setError(caught);
      setBusy(false);
      return;
    }
    // The station exists (and its token must be shown) whether or not binding works.
    let bindError: unknown = null;
    if (chosen.length > 0) {
      try {
        device = { ...device, gates: await bindGates(device.id, chosen) };
      } catch (caught) {
        bindError = caught;
      }
    }
    setBusy(false);
    setLabel("");
    setTouched(null);
    onCreated({ device, bindError });
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
          {t("staff.devices.labelHint")}
        </span>
        {labelError && (
          <span className="field-error" id={`${id}-error`}>
            {labelError}
          </span>
        )}
      </div>
      <GateChecklist
        eventGates={eventGates}
        chosen={chosen}
        onChange={setTouched}
        legend={t("staff.devices.gatesLegend")}
        hint={t("staff.devices.gatesHint")}
      />
      {error !== null && !labelError && <ErrorNotice error={error} />}
      <div>
        <button type="submit" className="btn" disabled={busy}>
          {busy ? t("staff.busy") : t("staff.devices.createButton")}
        </button>
      </div>
    </form>
  );
}

function RevokeDialog({
  device,
  onClose,
  onRevoked,
}: {
  device: Device;
  onClose: () => void;
  onRevoked: (device: Device) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      const { ok: _ok, ...updated } = (await revokeDevice(device.id)) as Device & { ok?: boolean };
      onRevoked(updated);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <Modal open onClose={onClose} labelledBy={`${id}-title`}>
      <div className="stack">
        <h2 id={`${id}-title`} className="staff-modal-title">
          {t("staff.devices.revokeTitle", { label: device.label })}
        </h2>
        <p>{t("staff.devices.revokeBody")}</p>
        <ErrorNotice error={error} />
        <div className="row staff-modal-buttons">
          <button type="button" className="btn btn-secondary" onClick={onClose} autoFocus>
            {t("staff.confirm.back")}
          </button>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void revoke()}>
            {busy ? t("staff.busy") : t("staff.devices.revokeGo")}
          </button>
        </div>
      </div>
    </Modal>
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

/** What the page's status line says: a station revoked, or its gates changed. */
interface Notice {
  kind: "revoked" | "gates";
  device: Device;
}

/** Which dialog is open, for which station (the page holds it, so a layout switch keeps it). */
type Dialog = { kind: "gates" | "revoke"; device: number };

/**
 * Close a dialog and put focus back on the button that opened it, found again by what it
 * opens (the list may have switched between table and cards meanwhile); on the list's
 * heading if that button is gone (a revoked station has none).
 */
function useReturnFocus(setDialog: (dialog: Dialog | null) => void) {
  const [closed, setClosed] = useState<Dialog | null>(null);
  useEffect(() => {
    if (!closed) return;
    const opener = document.querySelector<HTMLElement>(`[data-opens="${closed.kind}-${closed.device}"]`);
    (opener ?? document.getElementById("staff-devices-list"))?.focus();
  }, [closed]);
  return (dialog: Dialog) => {
    setDialog(null);
    setClosed({ ...dialog });
  };
}

interface ListProps {
  devices: Device[];
  event: EventSummary;
  eventGates: EventGates;
  onOpen: (dialog: Dialog) => void;
}

function DeviceActions({ device, onOpen }: { device: Device; onOpen: (dialog: Dialog) => void }) {
  const { t } = useI18n();
  if (!canEditGates(device)) return null;
  return (
    <div className="staff-actions">
      <button
        type="button"
        className="btn btn-secondary btn-small"
        onClick={() => onOpen({ kind: "gates", device: device.id })}
        data-opens={`gates-${device.id}`}
        aria-label={t("staff.devices.editGatesLabel", { label: device.label })}
      >
        {t("staff.devices.editGates")}
      </button>
      <button
        type="button"
        className="btn btn-secondary btn-small staff-btn-danger-text"
        onClick={() => onOpen({ kind: "revoke", device: device.id })}
        data-opens={`revoke-${device.id}`}
        aria-label={t("staff.devices.revokeLabel", { label: device.label })}
      >
        {t("staff.devices.revoke")}
      </button>
    </div>
  );
}

function DeviceList({ devices, event, eventGates, onOpen }: ListProps) {
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
            <div className="staff-device-gates-line">
              <span className="muted">{t("staff.devices.gates")}:</span>
              <StationGates device={device} eventGates={eventGates.gates} />
            </div>
            <p className="muted">
              {t("staff.devices.token")}: <code dir="ltr">{tokenPreview(device.token_hint)}</code>
            </p>
            <p className="muted">
              {t("staff.devices.lastSeen")}: {lastSeen(device.last_seen_at)}
            </p>
            <DeviceActions device={device} onOpen={onOpen} />
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
            <th scope="col">{t("staff.devices.gates")}</th>
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
                <StationGates device={device} eventGates={eventGates.gates} />
              </td>
              <td>
                <code dir="ltr">{tokenPreview(device.token_hint)}</code>
              </td>
              <td>{dateTime(device.created_at)}</td>
              <td title={device.last_seen_at ? dateTime(device.last_seen_at) : undefined}>{lastSeen(device.last_seen_at)}</td>
              <td>
                <DeviceState device={device} />
              </td>
              <td>
                <DeviceActions device={device} onOpen={onOpen} />
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
  const gateNames = useGateNames();
  const eventGates = useEventGates(event.slug);
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<Created | null>(null);
  // Kept as what happened (not as text), so it follows a change of language.
  const [notice, setNotice] = useState<Notice | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const dialogDevice = dialog && devices?.find((device) => device.id === dialog.device);
  const closeDialog = useReturnFocus(setDialog);
  const noticeText = ({ kind, device }: Notice) =>
    kind === "revoked"
      ? t("staff.devices.revokedNotice", { label: device.label })
      : device.gates.length
        ? t("staff.devices.gatesSaved", { label: device.label, gates: gateNames(device.gates) })
        : t("staff.devices.gatesCleared", { label: device.label });

  const load = useCallback(() => {
    setError(null);
    listDevices().then(setDevices).catch(setError);
  }, []);
  useEffect(load, [load]);

  const upsert = (device: Device) =>
    setDevices((current) => [device, ...(current ?? []).filter((item) => item.id !== device.id)]);
  const replace = (device: Device) =>
    setDevices((current) => (current ?? []).map((item) => (item.id === device.id ? device : item)));

  return (
    <main id="main" className="page staff-page">
      <PageTitle title={`${t("staff.devices.title")} · ${event.name}`}>{t("staff.devices.title")}</PageTitle>
      <p className="muted">{t("staff.devices.intro")}</p>
      <p role="status" className="staff-notice-line">
        {notice && noticeText(notice)}
      </p>
      <div className="stack">
        <div className="staff-devices-top">
          {created ? (
            <TokenOnce created={created} onDone={() => setCreated(null)} />
          ) : (
            <CreateDevice
              event={event}
              eventGates={eventGates}
              onCreated={(made) => {
                // Keep the token out of the list: only this card ever shows it.
                const { token: _token, ...listed } = made.device;
                upsert(listed);
                setCreated(made);
                setNotice(null);
              }}
            />
          )}
        </div>
        <section aria-labelledby="staff-devices-list" className="stack">
          <h2 id="staff-devices-list" className="staff-card-title staff-focus-target" tabIndex={-1}>
            {t("staff.devices.listTitle")}
          </h2>
          <ErrorNotice error={error} onRetry={load} />
          {!devices && !error && <Loading />}
          {devices && (
            <DeviceList
              devices={devicesFor(devices, event.slug)}
              event={event}
              eventGates={eventGates}
              onOpen={setDialog}
            />
          )}
        </section>
      </div>
      {dialog?.kind === "gates" && dialogDevice && (
        <EditGatesDialog
          device={dialogDevice}
          eventGates={eventGates}
          eventName={event.name}
          onClose={() => closeDialog(dialog)}
          onSaved={(device) => {
            closeDialog(dialog);
            replace(device);
            setNotice({ kind: "gates", device });
          }}
        />
      )}
      {dialog?.kind === "revoke" && dialogDevice && (
        <RevokeDialog
          device={dialogDevice}
          onClose={() => closeDialog(dialog)}
          onRevoked={(device) => {
            closeDialog(dialog);
            upsert(device);
            setNotice({ kind: "revoked", device });
          }}
        />
      )}
    </main>
  );
}
