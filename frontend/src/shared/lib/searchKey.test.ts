import { describe, expect, it } from "vitest";
import { matchRange, searchKey } from "./searchKey";

describe("searchKey", () => {
  it.each([
    ["  North   GOA ", "north goa"],
    ["Pondichéry", "pondichery"],
    ["جُدَّة", "جده"],
    ["أبها", "ابها"],
    ["إربد", "اربد"],
    ["مكـــة", "مكه"],
    ["مستشفى", "مستشفي"],
    ["غرفة ١٠١", "غرفه 101"],
    ["North-Corniche, Jeddah", "north corniche jeddah"],
  ])("folds %s as the server does", (typed, key) => {
    expect(searchKey(typed)).toBe(key);
  });

  it("makes the spellings of one place equal", () => {
    expect(searchKey("جدة")).toBe(searchKey("جده"));
    expect(searchKey("Jeddah")).toBe(searchKey("JEDDAH "));
  });
});

describe("matchRange", () => {
  it("finds the typed part in the text as written", () => {
    expect(matchRange("North Corniche Resort", "corn")).toEqual([6, 10]);
    expect(matchRange("Jeddah", "JED")).toEqual([0, 3]);
  });

  it("finds Arabic typed without its marks or with another alef", () => {
    const text = "ساحة الكورنيش";
    const [start, end] = matchRange(text, "كورنيش") ?? [0, 0];
    expect(text.slice(start, end)).toBe("كورنيش");
    expect(matchRange("جدة", "جده")).toEqual([0, 3]);
    expect(matchRange("أبها", "ابه")).toEqual([0, 3]);
  });

  it("gives null when the text does not hold it", () => {
    expect(matchRange("Goa", "riy")).toBeNull();
    expect(matchRange("Goa", "  ")).toBeNull();
  });
});
