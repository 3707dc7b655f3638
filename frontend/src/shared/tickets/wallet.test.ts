import { describe, expect, it } from "vitest";
import { isGoogleSaveUrl, MINE, pkpassFilename, walletButtons, walletPaths } from "./wallet";

describe("wallet passes", () => {
  it("uses the holder's endpoints when signed in", () => {
    expect(walletPaths(42, MINE)).toEqual({
      apple: "/api/tickets/42/wallet/apple.pkpass",
      google: "/api/tickets/42/wallet/google/",
      auth: "user",
    });
  });

  it("uses the link's endpoints, without a token, for a signed link", () => {
    expect(walletPaths(7, { kind: "link", token: "abc:1x/y" })).toEqual({
      apple: "/api/tickets/links/abc%3A1x%2Fy/7/wallet/apple.pkpass",
      google: "/api/tickets/links/abc%3A1x%2Fy/7/wallet/google/",
      auth: "none",
    });
  });

  it("names the pass after the ticket's reference in its business's words, never its id", () => {
    expect(pkpassFilename({ reference: "9B2F4C1E-2", event_kind: "festival" })).toBe("tickets-9B2F4C1E-2.pkpass");
    expect(pkpassFilename({ reference: "9B2F4C1E", event_kind: "stays" })).toBe("reservation-9B2F4C1E.pkpass");
  });

  it("shows a wallet's button only when it is offered, for a valid ticket", () => {
    const both = { ok: true, apple: true, google: true };
    expect(walletButtons(both, "valid")).toEqual({ apple: true, google: true });
    expect(walletButtons({ ok: true, apple: false, google: true }, "valid")).toEqual({ apple: false, google: true });
    expect(walletButtons(both, "void")).toEqual({ apple: false, google: false });
    expect(walletButtons(both, "used")).toEqual({ apple: false, google: false });
    expect(walletButtons(null, "valid")).toEqual({ apple: false, google: false });
  });

  it("follows only Google's save page", () => {
    expect(isGoogleSaveUrl("https://pay.google.com/gp/v/save/eyJ.x.y")).toBe(true);
    expect(isGoogleSaveUrl("https://pay.google.com/gp/v/save/")).toBe(false);
    expect(isGoogleSaveUrl("https://evil.example/gp/v/save/x")).toBe(false);
    expect(isGoogleSaveUrl("javascript:alert(1)")).toBe(false);
    expect(isGoogleSaveUrl(undefined)).toBe(false);
  });
});
