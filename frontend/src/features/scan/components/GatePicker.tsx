/** Choose the gate (and, for a station of every event, the event first). */
import { useCallback, useEffect, useState } from "react";
import { api } from "../../../api/client";
import type { EventList, Gate as GateAnswer, GateList } from "../../../api/schema";
import { ErrorNotice, Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { Device, Gate } from "../lib/station";

function useLoad<T>(load: (() => Promise<T>) | null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!load) return;
    let live = true;
    setData(null);
    setError(null);
    load().then(
      (value) => live && setData(value),
      (failure) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [load, attempt]);
  return { data, error, retry: () => setAttempt((n) => n + 1) };
}

export function GatePicker({ device, onPick }: { device: Device; onPick: (gate: Gate) => void }) {
  const { t } = useI18n();
  const [event, setEvent] = useState<string | null>(device.event);

  const loadEvents = useCallback(
    () =>
      api<EventList>("/api/events/", { auth: "none" }).then((body) => body.events),
    [],
  );
  const events = useLoad(event ? null : loadEvents);

  const loadGates = useCallback(
    () =>
      api<GateList>(`/api/events/${encodeURIComponent(event ?? "")}/gates/`, {
        auth: "device",
      }).then((body) => body.gates),
    [event],
  );
  const gates = useLoad(event ? loadGates : null);

  const pick = useCallback(
    (row: GateAnswer, choices: number) => onPick({ ...row, event: event ?? "", choices }),
    [event, onPick],
  );

  // One gate: nothing to choose.
  useEffect(() => {
    if (gates.data?.length === 1) pick(gates.data[0], 1);
  }, [gates.data, pick]);

  if (!event) {
    return (
      <>
        <PageTitle title={t("scan.events.title")}>{t("scan.events.title")}</PageTitle>
        <ErrorNotice error={events.error} onRetry={events.retry} />
        {!events.data && !events.error && <Loading />}
        <ul className="scan-choices">
          {events.data?.map((row) => (
            <li key={row.slug}>
              <button type="button" className="btn btn-secondary btn-block scan-big" onClick={() => setEvent(row.slug)}>
                {row.name}
              </button>
            </li>
          ))}
        </ul>
      </>
    );
  }

  return (
    <>
      <PageTitle title={t("scan.gates.title")}>{t("scan.gates.title")}</PageTitle>
      <p className="muted">{t("scan.stationOf", { label: device.label })}</p>
      <ErrorNotice error={gates.error} onRetry={gates.retry} />
      {!gates.data && !gates.error && <Loading />}
      {gates.data?.length === 0 && (
        <div className="notice notice-warn" role="status">
          <span>{t("scan.gates.none")}</span>
          <button type="button" className="btn btn-small" onClick={gates.retry}>
            {t("common.retry")}
          </button>
        </div>
      )}
      {gates.data && gates.data.length > 1 && (
        <>
          <p>{t("scan.gates.intro")}</p>
          <ul className="scan-choices">
            {gates.data.map((row) => (
              <li key={row.id}>
                <button
                  type="button"
                  className="btn btn-secondary btn-block scan-big scan-gate-choice"
                  onClick={() => pick(row, gates.data?.length ?? 1)}
                >
                  <span>{row.name}</span>
                  <span className="scan-gate-mode">
                    {row.load_in
                      ? t("scan.gates.loadIn")
                      : t(row.mode === "reentry" ? "scan.gates.mode.reentry" : "scan.gates.mode.single")}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {!device.event && (
        <button type="button" className="btn btn-ghost" onClick={() => setEvent(null)}>
          {t("common.back")}
        </button>
      )}
    </>
  );
}
