import { describe, expect, it } from "vitest";
import { ApiError } from "../../../api/client";
import { fieldMessages, formProblems, languageOf, resetLinkOf, resetProblem } from "./reset";

function refusal(status: number, fields?: Record<string, string[] | string>) {
  return new ApiError(status, { code: status === 400 ? "validation_error" : "server_error", message: "no", fields });
}

describe("the e-mailed link", () => {
  it("needs both the uid and the token", () => {
    expect(resetLinkOf(new URLSearchParams("lang=ar&uid=NDI&token=cb5k2r-9f1e"))).toEqual({ uid: "NDI", token: "cb5k2r-9f1e" });
    expect(resetLinkOf(new URLSearchParams("uid=NDI"))).toBeNull();
    expect(resetLinkOf(new URLSearchParams("uid=&token=x"))).toBeNull();
    expect(resetLinkOf(new URLSearchParams(""))).toBeNull();
  });

  it("names the account's language, Arabic or English only", () => {
    expect(languageOf(new URLSearchParams("lang=ar"))).toBe("ar");
    expect(languageOf(new URLSearchParams("lang=en"))).toBe("en");
    expect(languageOf(new URLSearchParams("lang=fr"))).toBeNull();
    expect(languageOf(new URLSearchParams(""))).toBeNull();
  });
});

describe("the form", () => {
  it("asks for a password typed the same twice", () => {
    expect(formProblems("", "")).toEqual({ password: "missing" });
    expect(formProblems("long enough pass", "long enough pas")).toEqual({ confirmation: "mismatch" });
    expect(formProblems("long enough pass", "long enough pass")).toEqual({});
  });
});

describe("a refused confirmation", () => {
  it("shows every message the server gave for the password", () => {
    const error = refusal(400, { new_password: ["This password is too short.", "This password is too common."] });
    expect(resetProblem(error)).toEqual({
      kind: "password",
      messages: ["This password is too short.", "This password is too common."],
    });
    expect(fieldMessages(refusal(400, { new_password: "Too short." }), "new_password")).toEqual(["Too short."]);
  });

  it("is the link when the server names no password problem", () => {
    expect(resetProblem(refusal(400))).toEqual({ kind: "invalid-link" });
    expect(resetProblem(refusal(400, { uid: ["Too long."] }))).toEqual({ kind: "invalid-link" });
  });

  it("is anything else otherwise (an outage, no network)", () => {
    const outage = refusal(503);
    expect(resetProblem(outage)).toEqual({ kind: "other", error: outage });
    const offline = new TypeError("Failed to fetch");
    expect(resetProblem(offline)).toEqual({ kind: "other", error: offline });
  });
});
