/**
 * Sign-in with an e-mail and password (POST /api/auth/login/) and through an OpenID Connect
 * provider: the session kept is the one the phone sign-in keeps (session.signIn).
 */
import { api } from "../../api/client";
import type { LoginRequest, Me, Ok, PasswordResetRequest, TokenAnswer } from "../../api/schema";
import { safeNext } from "./nextPath";
import { session } from "./session";

export async function signInWithPassword(email: string, password: string): Promise<Me | null> {
  const body: LoginRequest = { email: email.trim(), password };
  const pair = await api<TokenAnswer>("/api/auth/login/", { body, auth: "none" });
  return session.signIn(pair);
}

/** An OpenID Connect provider the server offers (GET /api/auth/oidc/). */
export interface OidcProvider {
  name: string;
  label: string;
}

export async function oidcProviders(): Promise<OidcProvider[]> {
  const answer = await api<{ ok: boolean; providers?: OidcProvider[] }>("/api/auth/oidc/", { auth: "none" });
  return Array.isArray(answer.providers) ? answer.providers : [];
}

/** Where the browser goes to sign in with `provider`, coming back to `next` (a local path). */
export function oidcLoginPath(provider: string, next: string, lang?: string): string {
  const path = `/api/auth/oidc/${encodeURIComponent(provider)}/login/?next=${encodeURIComponent(safeNext(next))}`;
  return lang ? `${path}&lang=${encodeURIComponent(lang)}` : path;
}

/** E-mail a reset link; the server answers the same whether or not the address has an account. */
export function requestPasswordReset(email: string): Promise<Ok> {
  const body: PasswordResetRequest = { email };
  return api<Ok>("/api/auth/password/reset/", { body, auth: "none" });
}
