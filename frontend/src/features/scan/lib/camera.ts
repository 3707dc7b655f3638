/**
 * The camera as a QR reader (@zxing/browser, loaded when the camera first starts: a station
 * that only types codes never downloads it), and what went wrong in words people act on.
 */
import type { IScannerControls } from "@zxing/browser";
import type { MessageKey } from "../../../i18n";

export type CameraProblem = "denied" | "missing" | "busy" | "insecure" | "failed";

export const CAMERA_PROBLEM_TEXT: Record<CameraProblem, MessageKey> = {
  denied: "scan.camera.denied",
  missing: "scan.camera.missing",
  busy: "scan.camera.busy",
  insecure: "scan.camera.insecure",
  failed: "scan.camera.failed",
};

export function cameraProblem(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError")
    return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "DevicesNotFoundError")
    return "missing";
  if (name === "NotReadableError" || name === "TrackStartError" || name === "AbortError") return "busy";
  return "failed";
}

export function cameraAvailable(): CameraProblem | null {
  if (!window.isSecureContext) return "insecure";
  if (!navigator.mediaDevices?.getUserMedia) return "missing";
  return null;
}

const CAMERA_KEY = "gh.scan.camera";

export const cameraSetting = {
  get: (): string => localStorage.getItem(CAMERA_KEY) ?? "",
  set: (id: string) => (id ? localStorage.setItem(CAMERA_KEY, id) : localStorage.removeItem(CAMERA_KEY)),
};

/** Start reading codes from a camera (the back one unless `deviceId` names another). */
export async function startCamera(
  video: HTMLVideoElement,
  deviceId: string,
  onCode: (text: string) => void,
): Promise<IScannerControls> {
  const { BrowserQRCodeReader } = await import("@zxing/browser");
  const reader = new BrowserQRCodeReader(undefined, {
    delayBetweenScanAttempts: 120,
    delayBetweenScanSuccess: 300,
  });
  const constraints: MediaStreamConstraints = {
    audio: false,
    video: deviceId
      ? { deviceId: { exact: deviceId } }
      : { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
  };
  return reader.decodeFromConstraints(constraints, video, (result) => {
    if (result) onCode(result.getText());
  });
}

/** The cameras (their names show only once the camera has been allowed). */
export async function listCameras(): Promise<MediaDeviceInfo[]> {
  try {
    const { BrowserQRCodeReader } = await import("@zxing/browser");
    return await BrowserQRCodeReader.listVideoInputDevices();
  } catch {
    return [];
  }
}
