import { describe, expect, it } from "vitest";
import { PHONE_COUNTRIES, countryName, phoneCountry, venueCountry, withCountryCode } from "./phoneCountry";

describe("phoneCountry", () => {
  it("shows a Saudi number by default", () => {
    for (const none of [undefined, null, "", "  "]) {
      expect(phoneCountry(none)).toEqual({
        country: "SA",
        callingCode: "+966",
        national: "05x xxx xxxx",
        international: "+966 5x xxx xxxx",
      });
    }
  });

  it("shows an Indian number at an Indian venue, in any case", () => {
    expect(phoneCountry("IN")).toEqual({
      country: "IN",
      callingCode: "+91",
      national: "9xxxx xxxxx",
      international: "+91 9xxxx xxxxx",
    });
    expect(phoneCountry("in").callingCode).toBe("+91");
  });

  it("falls back to Saudi Arabia for a country it has no example for", () => {
    expect(phoneCountry("ZZ").country).toBe("SA");
    expect(phoneCountry("FR").international).toBe("+966 5x xxx xxxx");
  });

  it("knows the Gulf and a few more", () => {
    expect(phoneCountry("AE").international).toBe("+971 5x xxx xxxx");
    expect(phoneCountry("GB").national).toBe("07xxx xxxxxx");
  });
});

describe("venueCountry", () => {
  it("reads venue.country from an event answer", () => {
    expect(venueCountry({ venue: { country: "IN" } })).toBe("IN");
    expect(venueCountry({ venue: { country: "sa" } })).toBe("SA");
  });

  it("is null when the event does not say", () => {
    expect(venueCountry(null)).toBeNull();
    expect(venueCountry({})).toBeNull();
    expect(venueCountry({ venue: null })).toBeNull();
    expect(venueCountry({ venue: { country: "" } })).toBeNull();
    expect(venueCountry({ venue: { country: "India" } })).toBeNull();
  });
});

describe("countryName", () => {
  it("names the country in the page's language", () => {
    expect(countryName("SA", "en")).toBe("Saudi Arabia");
    expect(countryName("IN", "en")).toBe("India");
    expect(countryName("IN", "ar")).not.toBe("IN");
  });
});

describe("withCountryCode", () => {
  it("gives a national number its country's code, without the trunk prefix", () => {
    expect(withCountryCode("0512345678", "SA")).toBe("+966512345678");
    expect(withCountryCode("512345678", "SA")).toBe("+966512345678");
    expect(withCountryCode("9876543210", "IN")).toBe("+919876543210");
    expect(withCountryCode("07700900123", "gb")).toBe("+447700900123");
  });

  it("keeps a number typed with its own country code", () => {
    expect(withCountryCode("+919876543210", "SA")).toBe("+919876543210");
    expect(withCountryCode("966512345678", "SA")).toBe("+966512345678");
    expect(withCountryCode("919876543210", "IN")).toBe("+919876543210");
  });

  it("reads in Saudi Arabia when the country is unknown, and leaves an empty number empty", () => {
    expect(withCountryCode("0512345678", "FR")).toBe("+966512345678");
    expect(withCountryCode("", "IN")).toBe("");
  });

  it("offers the countries whose format it knows", () => {
    expect(PHONE_COUNTRIES).toContain("SA");
    expect(PHONE_COUNTRIES).toContain("IN");
  });
});
