import { describe, expect, it } from "vitest";
import { normalisePhone } from "../shared/auth/otp";
import { codeDigits, latinDigits } from "./digits";

describe("digits", () => {
  it("reads Arabic-Indic and Extended Arabic-Indic digits", () => {
    expect(latinDigits("٠١٢٣٤٥٦٧٨٩")).toBe("0123456789");
    expect(latinDigits("۰۱۲۳۴۵۶۷۸۹")).toBe("0123456789");
  });

  it("keeps only the digits of a code", () => {
    expect(codeDigits(" ١٢٣ ٤٥٦ ")).toBe("123456");
    expect(codeDigits("12-34")).toBe("1234");
  });

  it("normalises a phone typed in any digits", () => {
    expect(normalisePhone("+٩٦٦ ٥٠ ٠٠٠ ٠٠٠١")).toBe("+966500000001");
    expect(normalisePhone("00966 50-000-0001")).toBe("+966500000001");
    expect(normalisePhone("050 000 0001")).toBe("0500000001");
  });
});
