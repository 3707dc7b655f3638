import { describe, expect, it } from "vitest";
import { formatNights, formatSpan } from "./span";

const meeting = { starts_at: "2026-12-21T06:00:00Z", ends_at: "2026-12-21T07:00:00Z", nights: 0 };
const stay = { starts_at: "2026-12-20T09:30:00Z", ends_at: "2026-12-23T05:30:00Z", nights: 3 };

describe("formatSpan", () => {
  it("gives a meeting of two slots from its first start to its last end, in the venue's zone", () => {
    expect(formatSpan(meeting, "en", "Asia/Riyadh")).toBe("21 Dec 2026, 09:00–10:00");
    expect(formatSpan(meeting, "en", "Asia/Kolkata")).toBe("21 Dec 2026, 11:30–12:30");
    expect(formatSpan(meeting, "en", "UTC")).toBe("21 Dec 2026, 06:00–07:00");
  });

  it("gives a stay from check-in to check-out with its nights", () => {
    // ICU puts thin spaces around the dash between two days.
    const text = formatSpan(stay, "en", "Asia/Kolkata").replace(/\s/g, " ");
    expect(text).toBe("20 Dec 2026, 15:00 – 23 Dec 2026, 11:00 · 3 nights");
  });

  it("speaks Arabic with Arabic digits", () => {
    const text = formatSpan(meeting, "ar", "Asia/Riyadh");
    expect(text).toContain("٢١");
    expect(text).toContain("٩:٠٠");
    expect(text).toContain("١٠:٠٠");
    expect(text).not.toMatch(/[0-9]/);
    const nights = formatSpan(stay, "ar", "Asia/Kolkata");
    expect(nights).toContain("٢٣");
    expect(nights).toContain("٣ ليالٍ");
  });

  it("is empty without a span (a booth's fee)", () => {
    expect(formatSpan({ starts_at: undefined, ends_at: undefined }, "en")).toBe("");
    expect(formatSpan(null, "ar")).toBe("");
  });
});

describe("formatNights", () => {
  it("follows each language's plural", () => {
    expect(formatNights(1, "en")).toBe("1 night");
    expect(formatNights(3, "en")).toBe("3 nights");
    expect(formatNights(1, "ar")).toBe("ليلة واحدة");
    expect(formatNights(2, "ar")).toBe("ليلتان");
    expect(formatNights(3, "ar")).toBe("٣ ليالٍ");
    expect(formatNights(11, "ar")).toBe("١١ ليلة");
  });
});
