import { describe, expect, it } from "vitest";
import { ApiError } from "../../../api/client";
import { checkContact, contactBody, contactRefusal, EMPTY_CONTACT } from "./contact";

const good = { ...EMPTY_CONTACT, name: " Sara ", email: "sara@example.com", message: "Is there parking near gate B?" };

describe("the contact form's checks", () => {
  it("accepts a complete message and trims what it sends, honeypot as typed", () => {
    expect(checkContact(good)).toEqual({});
    expect(contactBody({ ...good, website: "x" })).toEqual({
      name: "Sara",
      email: "sara@example.com",
      subject: "",
      message: "Is there parking near gate B?",
      website: "x",
    });
  });

  it("names each missing or malformed field", () => {
    expect(checkContact(EMPTY_CONTACT)).toEqual({ name: "required", email: "required", message: "required" });
    expect(checkContact({ ...good, email: "sara@example" }).email).toBe("email");
    expect(checkContact({ ...good, email: "sa ra@example.com" }).email).toBe("email");
    expect(checkContact({ ...good, message: "Hi" }).message).toBe("tooShort");
    expect(checkContact({ ...good, subject: "x".repeat(151) }).subject).toBe("tooLong");
    expect(checkContact({ ...good, message: "x".repeat(4001) }).message).toBe("tooLong");
  });
});

describe("the server's refusals", () => {
  it("puts validation messages on their fields", () => {
    const error = new ApiError(400, {
      code: "validation_error",
      message: "Check the fields.",
      fields: { email: ["Enter a valid email address."], message: "Too short." },
    });
    expect(contactRefusal(error)).toEqual({
      kind: "fields",
      fields: { email: "Enter a valid email address.", message: "Too short." },
      other: null,
    });
  });

  it("keeps a message about a field the form does not show", () => {
    const error = new ApiError(400, { code: "validation_error", message: "Check the fields.", fields: { website: ["No."] } });
    expect(contactRefusal(error)).toEqual({ kind: "fields", fields: {}, other: "No." });
  });

  it("tells spam, a rate limit (with its wait) and anything else apart", () => {
    expect(contactRefusal(new ApiError(400, { code: "spam", message: "Refused." }))).toEqual({ kind: "spam" });
    expect(contactRefusal(new ApiError(429, { code: "rate_limited", message: "Slow down." }, 120))).toEqual({
      kind: "rateLimited",
      retryAfter: 120,
    });
    expect(contactRefusal(new ApiError(500, { code: "server_error", message: "Oops" }))).toEqual({ kind: "other" });
    expect(contactRefusal(new TypeError("offline"))).toEqual({ kind: "other" });
  });
});
