/**
 * Which event a sign-in is for: `?event=` when the link names one, otherwise the event of the
 * page the guest came from (`next` = /events/{slug}…, /vendor/{slug}). Its venue country is
 * where a phone typed without its country code is read. Pure.
 */
const FROM_PATH = /^\/(?:events|vendor)\/([a-z0-9][a-z0-9_-]*)(?:[/?#]|$)/i;

export function signInEvent(event: string | null | undefined, next: string): string | null {
  if (event && /^[a-z0-9][a-z0-9_-]*$/i.test(event)) return event;
  return FROM_PATH.exec(next)?.[1] ?? null;
}
