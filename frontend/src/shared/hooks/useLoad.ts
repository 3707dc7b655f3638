/**
 * Load something once per key, with loading, error and a retry; late answers are dropped.
 * Loaded again when the app's language changes (names come in it), keeping what is shown
 * until the new answer arrives.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { contentLanguage, subscribeContentLanguage } from "../lib/contentLanguage";

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
}

export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string | null): Loaded<T> {
  const [state, setState] = useState<{ key: string | null; data: T | null; error: unknown }>({
    key: null,
    data: null,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((value) => value + 1), []);
  const language = useSyncExternalStore(subscribeContentLanguage, contentLanguage, contentLanguage);

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ key, data, error: null }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((old) => ({ key, data: old.key === key ? old.data : null, error }));
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `load` is a new function each render; the key says when to load again.
  }, [key, attempt, language]);

  const current = state.key === key;
  return {
    data: current ? state.data : null,
    error: current ? state.error : null,
    loading: key !== null && (!current || (state.data === null && state.error === null)),
    reload,
  };
}
