import { describe, expect, it } from "vitest";
import {
  fieldMessages,
  looksLikeEmail,
  otherFieldMessages,
  passwordProblems,
  profileChanges,
  waitSeconds,
} from "./forms";
import type { Refusal } from "./forms";

const refusal = (status: number, fields?: Refusal["body"]["fields"], retryAfter: number | null = null): Refusal => ({
  status,
  code: status === 429 ? "rate_limited" : "validation_error",
  message: "no",
  retryAfter,
  body: { fields },
});

describe("fieldMessages", () => {
  it("joins each field's messages", () => {
    expect(
      fieldMessages(refusal(400, { password: ["Too short.", "Too common."], email: "Enter a valid email address." })),
    ).toEqual({ password: "Too short. Too common.", email: "Enter a valid email address." });
  });

  it("is empty without fields", () => {
    expect(fieldMessages(null)).toEqual({});
    expect(fieldMessages(refusal(400))).toEqual({});
    expect(fieldMessages(refusal(400, { email: [] }))).toEqual({});
  });

  it("keeps what the form has no field for", () => {
    expect(otherFieldMessages({ email: "a", language: "b" }, ["email", "password"])).toEqual(["b"]);
  });
});

describe("waitSeconds", () => {
  it("reads a 429's retry_after", () => {
    expect(waitSeconds(refusal(429, undefined, 12.2))).toBe(13);
    expect(waitSeconds(refusal(429, undefined, 0))).toBe(1);
    expect(waitSeconds(refusal(429))).toBe(60);
    expect(waitSeconds(refusal(400))).toBeNull();
    expect(waitSeconds(null)).toBeNull();
  });
});

describe("passwordProblems", () => {
  it("checks length and digits only", () => {
    expect(passwordProblems("short")).toEqual(["short"]);
    expect(passwordProblems("1234567")).toEqual(["short", "digits"]);
    expect(passwordProblems("12345678")).toEqual(["digits"]);
    expect(passwordProblems("a good one")).toEqual([]);
  });
});

describe("looksLikeEmail", () => {
  it("accepts an address and refuses the rest", () => {
    expect(looksLikeEmail(" guest@example.com ")).toBe(true);
    expect(looksLikeEmail("guest@example")).toBe(false);
    expect(looksLikeEmail("guest example.com")).toBe(false);
  });
});

describe("profileChanges", () => {
  const before = { first_name: "Sara", last_name: "Ali", date_of_birth: "", gender: "", language: "en" };

  it("sends only what changed, trimmed", () => {
    expect(profileChanges(before, { ...before, first_name: " Sarah ", language: "ar" })).toEqual({
      first_name: "Sarah",
      language: "ar",
    });
    expect(profileChanges(before, { ...before, first_name: "Sara " })).toEqual({});
  });

  it("clears a date with null", () => {
    const dated = { ...before, date_of_birth: "1990-04-01" };
    expect(profileChanges(dated, before)).toEqual({ date_of_birth: null });
    expect(profileChanges(before, dated)).toEqual({ date_of_birth: "1990-04-01" });
  });
});
