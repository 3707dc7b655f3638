/**
 * The language the API answers content in (event, venue, room, ticket-type and gate names,
 * cities, addresses): the app's language, sent as Accept-Language on every request. The
 * I18nProvider sets it before any page loads; `useLoad` loads again when it changes.
 */
export type ContentLanguage = "ar" | "en";

let current: ContentLanguage = "en";
const listeners = new Set<() => void>();

export function contentLanguage(): ContentLanguage {
  return current;
}

export function setContentLanguage(lang: ContentLanguage): void {
  if (lang === current) return;
  current = lang;
  for (const listener of listeners) listener();
}

/** For useSyncExternalStore: called whenever the language changes. */
export function subscribeContentLanguage(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
