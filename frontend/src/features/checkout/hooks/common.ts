/** Hooks the checkout pages share: who is signed in (and sending others to sign in), a clock. */
import { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import type { Me } from "../../../api/schema";
import { useSession, useSessionReady } from "../../../components/SiteHeader";
import { events } from "../api";
import { signInPath } from "../../../shared/auth/nextPath";

/**
 * The signed-in guest; `undefined` while the session is being restored. Someone who is not
 * signed in is sent to the sign-in page, which brings them back here.
 */
export function useSignedInUser(): Me | null | undefined {
  const ready = useSessionReady();
  const user = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  useEffect(() => {
    if (ready && !user) navigate(signInPath(here), { replace: true });
  }, [ready, user, here, navigate]);
  return ready ? user : undefined;
}

/** The time now, refreshed every `intervalMs` while `active`. */
export function useNow(intervalMs = 1000, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}

const zones = new Map<string, Promise<string | undefined>>();

/** The venue's time zone of each event (public, fetched once per event per tab). */
export function useVenueZones(slugs: readonly string[]): Record<string, string | undefined> {
  const [known, setKnown] = useState<Record<string, string | undefined>>({});
  const key = [...new Set(slugs)].sort().join(",");
  useEffect(() => {
    let cancelled = false;
    const wanted = key ? key.split(",") : [];
    for (const slug of wanted) {
      if (!zones.has(slug))
        zones.set(
          slug,
          events.get(slug).then(
            (event) => event.venue.time_zone || undefined,
            () => undefined,
          ),
        );
    }
    void Promise.all(wanted.map(async (slug) => [slug, await zones.get(slug)] as const)).then((pairs) => {
      if (!cancelled) setKnown(Object.fromEntries(pairs));
    });
    return () => {
      cancelled = true;
    };
  }, [key]);
  return known;
}
