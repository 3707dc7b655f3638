import { describe, expect, it } from "vitest";
import {
  applicationBody,
  changedFields,
  checkApplication,
  EMPTY_FORM,
  firstProblem,
  formFromProfile,
  logoProblem,
  normalisePhone,
  normaliseWebsite,
} from "./application";
import type { ApplicationForm } from "./application";

const good: ApplicationForm = {
  name: "Saffron Street Kitchen",
  category: "food",
  description: "Kabsa and grilled corn.",
  contact_email: "hello@saffron.example",
  contact_phone: "+966 50 123 4567",
  website: "",
};

describe("checkApplication", () => {
  it("passes a complete application", () => {
    expect(checkApplication(good)).toEqual({});
  });

  it("names every missing field, first in the form's order", () => {
    const problems = checkApplication(EMPTY_FORM);
    expect(problems).toEqual({
      name: "required",
      category: "required",
      description: "required",
      contact_email: "required",
      contact_phone: "required",
    });
    expect(firstProblem(problems)).toBe("name");
  });

  it("refuses a bad e-mail, phone, website, and too long a name", () => {
    expect(
      checkApplication({
        ...good,
        name: "x".repeat(121),
        contact_email: "hello@",
        contact_phone: "12",
        website: "javascript:alert(1)",
      }),
    ).toEqual({ name: "tooLong", contact_email: "email", contact_phone: "phone", website: "website" });
  });

  it("checks the logo's type and size before sending", () => {
    expect(logoProblem({ type: "image/svg+xml", size: 10 })).toBe("logoType");
    expect(logoProblem({ type: "image/png", size: 3_000_000 })).toBe("logoSize");
    expect(logoProblem({ type: "image/webp", size: 10_000 })).toBeUndefined();
    expect(checkApplication(good, { type: "application/pdf", size: 1 })).toEqual({ logo: "logoType" });
    expect(firstProblem({ logo: "logoType", website: "website" })).toBe("logo");
  });
});

describe("what is sent", () => {
  it("reads Arabic digits in the phone and adds https:// to a bare website", () => {
    expect(normalisePhone("٠٥٠ ١٢٣-٤٥٦٧")).toBe("0501234567");
    expect(normaliseWebsite("saffron.example/menu")).toBe("https://saffron.example/menu");
    expect(normaliseWebsite("http://saffron.example")).toBe("http://saffron.example/");
    expect(normaliseWebsite("localhost")).toBeNull();
    expect(normaliseWebsite("  ")).toBe("");
    expect(applicationBody({ ...good, name: "  Saffron  ", website: "saffron.example" })).toEqual({
      name: "Saffron",
      category: "food",
      description: "Kabsa and grilled corn.",
      contact_email: "hello@saffron.example",
      contact_phone: "+966501234567",
      website: "https://saffron.example/",
    });
  });

  it("sends only what changed when editing", () => {
    const before = formFromProfile({ ...good, category: "food" });
    expect(changedFields(before, { ...before, description: "New menu." })).toEqual({ description: "New menu." });
    expect(changedFields(before, { ...before })).toEqual({});
  });

  it("fills the form from a profile, ignoring an unknown category", () => {
    expect(formFromProfile({ name: "A", category: "weapons", website: null })).toEqual({
      ...EMPTY_FORM,
      name: "A",
    });
    expect(formFromProfile(null)).toEqual(EMPTY_FORM);
  });
});
