/**
 * fetch() for the REST API: JSON in and out (or multipart/form-data out, for files), the one
 * error shape of PROTOCOL.md as ApiError, the guest's or staff member's access token
 * (refreshed once on a 401), or a station's device token.
 */
import { session } from "../shared/auth/session";
import { contentLanguage } from "../shared/lib/contentLanguage";

/**
 * The `error` of every refusal. Narrowed by hand: the schema's ErrorDetail types `fields` as
 * any values (they are messages, or lists of them, per field) and does not list the fields
 * some codes add (`attempts_remaining`, `retry_after`, `booking`, `holds`, `slots`…).
 */
export interface ApiErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string[] | string>;
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    readonly retryAfter: number | null = null,
  ) {
    super(body.message);
  }

  get code(): string {
    return this.body.code;
  }

  /** The first message for a field, if the server named one. */
  field(name: string): string | undefined {
    const value = this.body.fields?.[name];
    return Array.isArray(value) ? value[0] : value;
  }
}

/** Whether `error` is the API's refusal (with this code, this HTTP status, when given). */
export function isApiError(error: unknown, code?: string, status?: number): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  if (code && error.code !== code) return false;
  if (status && error.status !== status) return false;
  return true;
}

export type AuthMode = "user" | "device" | "none";

export interface RequestOptions {
  method?: string;
  /** Sent as JSON; a FormData goes as multipart/form-data (see `upload`). */
  body?: unknown;
  auth?: AuthMode;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

const DEVICE_KEY = "gh.device";

export const deviceToken = {
  get: (): string | null => localStorage.getItem(DEVICE_KEY),
  set: (token: string | null) =>
    token ? localStorage.setItem(DEVICE_KEY, token) : localStorage.removeItem(DEVICE_KEY),
};

function authorization(auth: AuthMode, access: string | null): Record<string, string> {
  if (auth === "device") {
    const token = deviceToken.get();
    return token ? { Authorization: `Device ${token}` } : {};
  }
  if (auth === "user" && access) return { Authorization: `Bearer ${access}` };
  return {};
}

async function send(path: string, options: RequestOptions, access: string | null) {
  const headers: Record<string, string> = {
    Accept: "application/json",
    // Names, cities and addresses come in the app's language (PROTOCOL.md: fields may be added).
    "Accept-Language": contentLanguage(),
    ...authorization(options.auth ?? "user", access),
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    // The browser sets the multipart Content-Type with its boundary.
    body = options.body;
  } else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  return fetch(path, {
    method: options.method ?? (body ? "POST" : "GET"),
    headers,
    body,
    signal: options.signal,
    credentials: "same-origin",
  });
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: ApiErrorBody = { code: "server_error", message: response.statusText || "Error" };
  let retryAfter: number | null = null;
  try {
    const parsed = await response.json();
    if (parsed?.error) {
      body = parsed.error;
      retryAfter = typeof parsed.retry_after === "number" ? parsed.retry_after : null;
      if (retryAfter === null && typeof body.retry_after === "number") retryAfter = body.retry_after;
    }
  } catch {
    /* not JSON: keep the status text */
  }
  if (retryAfter === null) {
    const header = Number(response.headers.get("Retry-After"));
    if (Number.isFinite(header) && header > 0) retryAfter = header;
  }
  return new ApiError(response.status, body, retryAfter);
}

/** Call the API; resolves with the JSON body, rejects with ApiError (or a network TypeError). */
export async function api<T = Record<string, unknown>>(
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const auth = options.auth ?? "user";
  let access = auth === "user" ? await session.accessToken() : null;
  let response = await send(path, options, access);
  if (response.status === 401 && auth === "user" && access) {
    access = await session.accessToken(true);
    if (access) response = await send(path, options, access);
  }
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return {} as T;
  return (await response.json()) as T;
}

/** The fields of a multipart form: a Blob (a File) goes as a file, null and undefined not at all. */
export type FormFields = Record<string, string | number | boolean | Blob | null | undefined>;

function formData(fields: FormFields): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    form.append(name, value instanceof Blob ? value : String(value));
  }
  return form;
}

/**
 * Send files with their fields as multipart/form-data (a picture, a logo): like `api`, with the
 * same sign-in, one refresh on a 401 and ApiError for a refusal; POST unless told otherwise.
 */
export function upload<T = Record<string, unknown>>(
  path: string,
  fields: FormFields | FormData,
  options: Omit<RequestOptions, "body"> = {},
): Promise<T> {
  const body = fields instanceof FormData ? fields : formData(fields);
  return api<T>(path, { method: "POST", ...options, body });
}

export interface DownloadOptions {
  /** "user" (the default) sends the signed-in user's token; "none" for a signed link's files. */
  auth?: "user" | "none";
  /** The saved file's type when the server's would not do (a .pkpass for Safari). */
  type?: string;
}

/** Save a Blob as a file named `filename`, as a download link would. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Download a file the API serves (a PDF ticket or invoice, a wallet pass) and save it: with the
 * signed-in user's token (refreshed once on a 401) unless `auth: "none"`; ApiError on a refusal.
 */
export async function download(path: string, filename: string, options: DownloadOptions = {}): Promise<void> {
  const auth = options.auth ?? "user";
  let access = auth === "user" ? await session.accessToken() : null;
  let response = await send(path, { auth }, access);
  if (response.status === 401 && auth === "user" && access) {
    access = await session.accessToken(true);
    if (access) response = await send(path, { auth }, access);
  }
  if (!response.ok) throw await errorOf(response);
  const blob = await response.blob();
  saveBlob(options.type ? new Blob([blob], { type: options.type }) : blob, filename);
}

/** Fetch an image the API serves only to its owner (QR codes) as an object URL. */
export async function imageUrl(path: string): Promise<string> {
  const access = await session.accessToken();
  const response = await send(path, { auth: "user" }, access);
  if (!response.ok) throw await errorOf(response);
  return URL.createObjectURL(await response.blob());
}
