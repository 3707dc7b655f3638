/**
 * Who is signed in. The refresh token lives only in the server's HttpOnly cookie; the access
 * token (15 minutes) lives in memory, so a reload asks the cookie for a new one. Refreshes are
 * serialised, across tabs too (each refresh token works once).
 */
import type { CsrfAnswer, Me, TokenAnswer } from "../../api/schema";

type Listener = () => void;

/** What a sign-in answers that the session keeps: the access token (and, from a sign-in,
 * whether it was the account's first). */
type TokenPair = Pick<TokenAnswer, "access"> & Partial<Pick<TokenAnswer, "first_sign_in">>;

const WELCOME_KEY = "gh.welcome";

/** Whether this tab's last sign-in was a new account's first (greet "Welcome", not "Welcome back"). */
export function isNewUser(): boolean {
  try {
    return sessionStorage.getItem(WELCOME_KEY) === "new";
  } catch {
    return false;
  }
}

function rememberWelcome(first: boolean | undefined): void {
  try {
    if (first === undefined) sessionStorage.removeItem(WELCOME_KEY);
    else sessionStorage.setItem(WELCOME_KEY, first ? "new" : "back");
  } catch {
    /* storage refused: greet as "Welcome back" */
  }
}

function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    return Number(payload.exp) * 1000;
  } catch {
    return 0;
  }
}

async function csrfToken(): Promise<string> {
  const match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
  if (match) return decodeURIComponent(match[1]);
  const response = await fetch("/api/auth/csrf/", { credentials: "same-origin" });
  const body = (await response.json()) as CsrfAnswer;
  return body.csrf_token;
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? locks.request("gatehouse-refresh", work) : work();
}

const HINT_KEY = "gh.signed-in";

class Session {
  private access: string | null = null;
  private me: Me | null = null;
  private refreshing: Promise<string | null> | null = null;
  private readonly listeners = new Set<Listener>();
  private loaded = false;

  get user(): Me | null {
    return this.me;
  }

  get ready(): boolean {
    return this.loaded;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** After OTP verification or a staff login: keep the access token, load who it is. */
  async signIn(pair: TokenPair): Promise<Me | null> {
    this.access = pair.access;
    rememberWelcome(pair.first_sign_in);
    localStorage.setItem(HINT_KEY, "1");
    await this.loadMe();
    return this.me;
  }

  async signOut(): Promise<void> {
    try {
      const headers: Record<string, string> = { "X-CSRFToken": await csrfToken() };
      if (this.access) headers.Authorization = `Bearer ${this.access}`;
      await fetch("/api/auth/logout/", { method: "POST", headers, credentials: "same-origin" });
    } catch {
      /* offline: forget locally anyway */
    }
    this.access = null;
    this.me = null;
    localStorage.removeItem(HINT_KEY);
    this.changed();
  }

  /** On start: a tab that was signed in gets a token from the cookie. */
  async restore(): Promise<void> {
    if (localStorage.getItem(HINT_KEY)) {
      const token = await this.accessToken(true);
      if (token) await this.loadMe();
    }
    this.loaded = true;
    this.changed();
  }

  /** A valid access token (refreshed when under a minute is left, or when `fresh`). */
  async accessToken(fresh = false): Promise<string | null> {
    if (!fresh && this.access && expiryOf(this.access) - Date.now() > 60_000) return this.access;
    if (!this.access && !localStorage.getItem(HINT_KEY)) return null;
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<string | null> {
    const before = this.access;
    try {
      const token = await withLock(async () => {
        const response = await fetch("/api/auth/token/refresh/", {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRFToken": await csrfToken() },
          body: "{}",
          credentials: "same-origin",
        });
        if (!response.ok) return null;
        return ((await response.json()) as TokenAnswer).access;
      });
      if (!token) {
        if (before !== null || this.me) {
          this.access = null;
          this.me = null;
          localStorage.removeItem(HINT_KEY);
          this.changed();
        }
        return null;
      }
      this.access = token;
      return token;
    } catch {
      return this.access; // offline: keep what we have
    }
  }

  async loadMe(): Promise<void> {
    if (!this.access) return;
    const response = await fetch("/api/auth/me/", {
      headers: { Authorization: `Bearer ${this.access}`, Accept: "application/json" },
    });
    this.me = response.ok ? ((await response.json()) as Me) : null;
    this.changed();
  }

  hasRole(role: string): boolean {
    return Boolean(this.me?.roles?.includes(role) || this.me?.roles?.includes("admin"));
  }
}

export const session = new Session();
