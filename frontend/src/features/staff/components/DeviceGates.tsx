/** Which gates a scanning station serves: the event's gates, a checklist, the list cell, the edit dialog. */
import { useCallback, useEffect, useId, useState } from "react";
import type { FormEvent } from "react";
import { ApiError } from "../../../api/client";
import { ErrorNotice, Loading, useErrorText } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { Modal } from "./parts";
import { canEditGates, gatesToSend, sameGates, splitGates, toggleGate } from "../lib/devices";
import { bindGates, listEventGates } from "../api/devices";
import type { Device, DeviceGate } from "../../../api/schema";

export interface EventGates {
  gates: DeviceGate[] | null;
  error: unknown;
  retry: () => void;
}

/** The event's gates, loaded once per event (with a retry if that fails). */
export function useEventGates(event: string): EventGates {
  const [gates, setGates] = useState<DeviceGate[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setGates(null);
    setError(null);
    listEventGates(event, abort.signal)
      .then(setGates)
      .catch((caught: unknown) => {
        if (!abort.signal.aborted) setError(caught);
      });
    return () => abort.abort();
  }, [event, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { gates, error, retry };
}

/** Gate names as a sentence's list, in the page's language ("North gate and Grandstand gate"). */
export function useGateNames(): (gates: readonly DeviceGate[]) => string {
  const { lang } = useI18n();
  const list = new Intl.ListFormat(lang === "ar" ? "ar" : "en-GB", { type: "conjunction" });
  return (gates) => list.format(gates.map((gate) => gate.name));
}

/** Why a bind failed: the server's word on the gates if it gave one, else its message. */
export function useBindErrorText(): (error: unknown) => string {
  const text = useErrorText();
  return (error) => (error instanceof ApiError && error.field("gates")) || text(error);
}

/** One checkbox per gate of the event, in a fieldset; says so when the event has none. */
export function GateChecklist({
  eventGates,
  chosen,
  onChange,
  legend,
  hint,
  autoFocus = false,
}: {
  eventGates: EventGates;
  chosen: readonly number[];
  onChange: (chosen: number[]) => void;
  legend: string;
  hint?: string;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const { gates, error, retry } = eventGates;
  return (
    <fieldset className="staff-gates-field" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error != null ? (
        <ErrorNotice error={error} onRetry={retry} />
      ) : !gates ? (
        <Loading />
      ) : gates.length === 0 ? (
        <p className="notice notice-warn">{t("staff.devices.noEventGates")}</p>
      ) : (
        <ul className="staff-plain-list staff-gate-options">
          {gates.map((gate, index) => (
            <li key={gate.id}>
              <label className="staff-check">
                <input
                  type="checkbox"
                  checked={chosen.includes(gate.id)}
                  autoFocus={autoFocus && index === 0}
                  onChange={(change) => onChange(toggleGate(chosen, gate.id, change.target.checked))}
                />
                <span>{gate.name}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** The gates column of a station: its gates here, how many elsewhere, or a warning. */
export function StationGates({ device, eventGates }: { device: Device; eventGates: DeviceGate[] | null }) {
  const { t } = useI18n();
  const { here, elsewhere } = splitGates(device, eventGates);
  const active = canEditGates(device);
  return (
    <div className="staff-gates" data-testid={`device-gates-${device.id}`}>
      {here.length > 0 ? (
        <ul className="staff-plain-list staff-gate-chips">
          {here.map((gate) => (
            <li key={gate.id} className="staff-gate-chip">
              {gate.name}
            </li>
          ))}
        </ul>
      ) : !active ? (
        <span className="muted">—</span>
      ) : elsewhere.length > 0 ? (
        <span className="muted">{t("staff.devices.noGateHere")}</span>
      ) : (
        <span className="staff-gate-missing">
          <span aria-hidden="true">!</span> {t("staff.devices.noGate")}
        </span>
      )}
      {elsewhere.length > 0 && (
        <span className="muted staff-small">{t("staff.devices.otherEvents", { count: elsewhere.length })}</span>
      )}
    </div>
  );
}

/**
 * The "Edit gates" dialog: tick this event's gates, save, the row follows. The page holds it
 * (not the row), so it survives the list switching between table and cards.
 */
export function EditGatesDialog({
  device,
  eventGates,
  eventName,
  onClose,
  onSaved,
}: {
  device: Device;
  eventGates: EventGates;
  eventName: string;
  onClose: () => void;
  onSaved: (device: Device) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const bindErrorText = useBindErrorText();
  const [touched, setTouched] = useState<number[] | null>(null);
  // Until something is ticked, follow the station's gates here (the event's may still load).
  const chosen = touched ?? splitGates(device, eventGates.gates).here.map((gate) => gate.id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save(form: FormEvent) {
    form.preventDefault();
    const gates = eventGates.gates;
    if (!gates) return;
    const wanted = gatesToSend(device, gates, chosen);
    if (sameGates(wanted, device.gates.map((gate) => gate.id))) {
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const bound = await bindGates(device.id, wanted);
      onSaved({ ...device, gates: bound });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <Modal open onClose={onClose} labelledBy={`${id}-title`}>
      <form className="stack" onSubmit={save} noValidate>
        <h2 id={`${id}-title`} className="staff-modal-title">
          {t("staff.devices.editGatesTitle", { label: device.label })}
        </h2>
        <p className="staff-flush">{t("staff.devices.editGatesBody")}</p>
        <GateChecklist
          eventGates={eventGates}
          chosen={chosen}
          onChange={setTouched}
          legend={t("staff.devices.gatesOf", { event: eventName })}
          hint={device.event ? undefined : t("staff.devices.editGatesEveryEvent")}
          autoFocus
        />
        {error != null && (
          <div className="notice notice-error" role="alert">
            {bindErrorText(error)}
          </div>
        )}
        <div className="row staff-modal-buttons">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="btn" disabled={busy || !eventGates.gates?.length}>
            {busy ? t("staff.busy") : t("staff.devices.saveGates")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
