import { describe, expect, it } from "vitest";
import { parseOidcFragment } from "./oidcFragment";

describe("parseOidcFragment", () => {
  it("reads the tokens and where to go", () => {
    expect(
      parseOidcFragment("#access=a.b.c&refresh=r.s.t&expires_in=900&first_sign_in=1&next=%2Fbookings%3Fx%3D1"),
    ).toEqual({
      access: "a.b.c",
      refresh: "r.s.t",
      expiresIn: 900,
      firstSignIn: true,
      next: "/bookings?x=1",
    });
    expect(parseOidcFragment("access=a.b.c")).toEqual({
      access: "a.b.c",
      refresh: null,
      expiresIn: null,
      firstSignIn: false,
      next: "/",
    });
    expect(parseOidcFragment("#access=t&first_sign_in=0")?.firstSignIn).toBe(false);
  });

  it("is null without an access token", () => {
    expect(parseOidcFragment("")).toBeNull();
    expect(parseOidcFragment("#")).toBeNull();
    expect(parseOidcFragment("#refresh=x&next=/bookings")).toBeNull();
    expect(parseOidcFragment("#access=")).toBeNull();
  });

  it("goes nowhere but this site", () => {
    for (const next of ["https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example", "javascript%3Aalert(1)", "%2Fsignin%2Foidc"]) {
      expect(parseOidcFragment(`#access=t&next=${next}`)?.next).toBe("/");
    }
  });

  it("ignores a nonsense expiry", () => {
    expect(parseOidcFragment("#access=t&expires_in=soon")?.expiresIn).toBeNull();
    expect(parseOidcFragment("#access=t&expires_in=-5")?.expiresIn).toBeNull();
  });
});
