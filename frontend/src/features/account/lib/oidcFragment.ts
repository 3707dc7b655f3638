/**
 * The fragment the OpenID Connect callback sends the browser back with:
 * `/signin/oidc#access=…&refresh=…&expires_in=…&first_sign_in=1|0&next=…`. Pure.
 */
import { safeNext } from "../../../shared/auth/nextPath";

export interface OidcLanding {
  access: string;
  refresh: string | null;
  expiresIn: number | null;
  /** The account's first sign-in (a new user), as the callback says; false when it does not. */
  firstSignIn: boolean;
  /** Where to go now: a path on this site ("/" when the fragment named none or a foreign one). */
  next: string;
}

/** The tokens and next path of `hash` ("#access=…" or "access=…"), or null without an access token. */
export function parseOidcFragment(hash: string): OidcLanding | null {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const access = params.get("access")?.trim();
  if (!access) return null;
  const seconds = Number(params.get("expires_in"));
  return {
    access,
    refresh: params.get("refresh") || null,
    expiresIn: params.get("expires_in") !== null && Number.isFinite(seconds) && seconds > 0 ? seconds : null,
    firstSignIn: params.get("first_sign_in") === "1",
    next: safeNext(params.get("next")),
  };
}
