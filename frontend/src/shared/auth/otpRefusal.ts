/**
 * What the server means when it refuses a sign-in code (POST /api/auth/otp/verify/), whatever
 * words an area then puts on it: the checkout's sign-in and the VIP evening's /otp read the
 * same refusal codes here.
 */

/** Why a code is dead: only a new one helps. */
export type DeadCode = "expired" | "exhausted" | "superseded" | "used";

export type CodeRefusal =
  /** Not the code; `attemptsLeft` as the server counts them (null when it did not say). */
  | { kind: "wrong"; attemptsLeft: number | null }
  | { kind: DeadCode };

const DEAD: Record<string, DeadCode> = {
  otp_expired: "expired",
  otp_exhausted: "exhausted",
  otp_superseded: "superseded",
  otp_used: "used",
};

/** The refusal behind an error's `code` (and `attempts_remaining`), or null for any other error. */
export function codeRefusal(code: string, body: Record<string, unknown>): CodeRefusal | null {
  if (code === "otp_invalid") {
    const left = body.attempts_remaining;
    return { kind: "wrong", attemptsLeft: typeof left === "number" && Number.isFinite(left) ? left : null };
  }
  const dead = DEAD[code];
  return dead ? { kind: dead } : null;
}

/** Whether this code can never work now (dead, or wrong with no attempts left). */
export function isDeadCode(refusal: CodeRefusal | null): boolean {
  if (!refusal) return false;
  return refusal.kind !== "wrong" || refusal.attemptsLeft === 0;
}
