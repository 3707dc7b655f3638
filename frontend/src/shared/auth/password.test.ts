import { describe, expect, it } from "vitest";
import { oidcLoginPath } from "./password";

describe("oidcLoginPath", () => {
  it("names the provider and a local next path", () => {
    expect(oidcLoginPath("descope", "/bookings")).toBe("/api/auth/oidc/descope/login/?next=%2Fbookings");
    expect(oidcLoginPath("my idp", "/events/x?date=1")).toBe(
      "/api/auth/oidc/my%20idp/login/?next=%2Fevents%2Fx%3Fdate%3D1",
    );
  });

  it("passes on the web app's language, for an account the sign-in makes", () => {
    expect(oidcLoginPath("descope", "/account", "ar")).toBe("/api/auth/oidc/descope/login/?next=%2Faccount&lang=ar");
  });

  it("never passes on a next that leaves the site", () => {
    expect(oidcLoginPath("google", "https://evil.example/")).toBe("/api/auth/oidc/google/login/?next=%2F");
    expect(oidcLoginPath("google", "//evil.example")).toBe("/api/auth/oidc/google/login/?next=%2F");
  });
});
