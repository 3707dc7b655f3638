/** The camera view and its controls; reads each code once while it stays in view. */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { IScannerControls } from "@zxing/browser";
import { useI18n } from "../../../i18n";
import {
  CAMERA_PROBLEM_TEXT,
  cameraAvailable,
  cameraProblem,
  cameraSetting,
  listCameras,
  startCamera,
} from "../lib/camera";
import type { CameraProblem } from "../lib/camera";
import { createRepeatFilter } from "../lib/dedupe";

type CameraState = "off" | "starting" | "on";

export function useCamera(onCode: (code: string) => void) {
  const video = useRef<HTMLVideoElement>(null);
  const controls = useRef<IScannerControls | null>(null);
  const filter = useRef(createRepeatFilter());
  const latest = useRef(onCode);
  latest.current = onCode;
  const [state, setState] = useState<CameraState>("off");
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState(cameraSetting.get);
  const attempt = useRef(0);

  const stop = useCallback(() => {
    attempt.current += 1;
    controls.current?.stop();
    controls.current = null;
    setState("off");
  }, []);

  const start = useCallback(
    async (deviceId: string) => {
      controls.current?.stop();
      controls.current = null;
      const unavailable = cameraAvailable();
      if (unavailable || !video.current) {
        setProblem(unavailable ?? "failed");
        setState("off");
        return;
      }
      const mine = ++attempt.current;
      setProblem(null);
      setState("starting");
      try {
        const started = await startCamera(video.current, deviceId, (text) => {
          if (filter.current.accept(text)) latest.current(text);
        });
        if (mine !== attempt.current) {
          started.stop();
          return;
        }
        controls.current = started;
        setState("on");
        setCameras(await listCameras());
      } catch (error) {
        if (mine !== attempt.current) return;
        if (deviceId && cameraProblem(error) === "missing") {
          // The remembered camera is gone: try the default one.
          cameraSetting.set("");
          setCameraId("");
          void start("");
          return;
        }
        setProblem(cameraProblem(error));
        setState("off");
      }
    },
    [],
  );

  const choose = useCallback(
    (deviceId: string) => {
      cameraSetting.set(deviceId);
      setCameraId(deviceId);
      if (controls.current || state === "starting") void start(deviceId);
    },
    [start, state],
  );

  // Stop the camera when the page goes away.
  useEffect(() => () => {
    attempt.current += 1;
    controls.current?.stop();
  }, []);

  return {
    video,
    state,
    problem,
    cameras,
    cameraId,
    start: () => void start(cameraId),
    stop,
    choose,
  };
}

export type CameraControls = ReturnType<typeof useCamera>;

export function CameraView({ camera }: { camera: CameraControls }) {
  const { t } = useI18n();
  const id = useId();
  const { state, problem, cameras } = camera;
  return (
    <section className={`scan-camera scan-camera-${state}`} aria-label={t("scan.camera.region")}>
      <div className="scan-camera-frame">
        <video ref={camera.video} muted playsInline aria-hidden="true" />
        {state === "on" && <div className="scan-camera-target" aria-hidden="true" />}
        {state !== "on" && (
          <p className="scan-camera-idle">
            {state === "starting" ? t("scan.camera.starting") : t("scan.camera.off")}
          </p>
        )}
      </div>
      <p className="scan-camera-status" role="status" aria-live="polite">
        {state === "on" ? t("scan.camera.aim") : ""}
      </p>
      {problem && (
        <p className="notice notice-warn" role="alert">
          {t(CAMERA_PROBLEM_TEXT[problem])}
        </p>
      )}
      {cameras.length > 1 && (
        <div className="field scan-camera-choice">
          <label htmlFor={`${id}-camera`}>{t("scan.camera.choose")}</label>
          <select
            id={`${id}-camera`}
            value={camera.cameraId}
            onChange={(event) => camera.choose(event.target.value)}
          >
            <option value="">{t("scan.camera.default")}</option>
            {cameras.map((device, index) => (
              <option key={device.deviceId} value={device.deviceId}>
                {device.label || t("scan.camera.numbered", { n: index + 1 })}
              </option>
            ))}
          </select>
        </div>
      )}
    </section>
  );
}

export function CameraButton({ camera }: { camera: CameraControls }) {
  const { t } = useI18n();
  const on = camera.state !== "off";
  return (
    <button
      type="button"
      className={`btn btn-block scan-big ${on ? "btn-secondary" : ""}`}
      onClick={on ? camera.stop : camera.start}
    >
      <span aria-hidden="true">{on ? "■" : "◉"}</span>
      {on ? t("scan.camera.stop") : t("scan.camera.start")}
    </button>
  );
}
