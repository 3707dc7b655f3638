/** Where to go after signing in: only a path on this site, never an open redirect. */
const ORIGIN = "https://gatehouse.invalid";

export function safeNext(raw: string | null | undefined, fallback = "/"): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\")) return fallback;
  // Control characters and whitespace tricks ("/\t/evil.example") are refused outright.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point.
  if (/[\u0000-\u001f\u007f\s]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  if (url.pathname === "/signin" || url.pathname.startsWith("/signin/")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page's address that comes back to `path` afterwards. */
export function signInPath(path: string): string {
  const next = safeNext(path, "");
  return next && next !== "/" ? `/signin?next=${encodeURIComponent(next)}` : "/signin";
}
