import { describe, expect, it } from "vitest";
import { byFestivalDay, flattenErrors, move, parsePercent, parsePerformers, percentAt, performanceForm, performanceRequest, upsert } from "./content";
import type { PerformanceForm } from "./content";

const ZONE = "Asia/Riyadh";

describe("placing on the map", () => {
  it("turns a click into percent of the drawn map, kept on it", () => {
    const box = { left: 100, top: 50, width: 400, height: 300 };
    expect(percentAt(box, 300, 200)).toEqual({ x: 50, y: 50 });
    expect(percentAt(box, 133.3, 80)).toEqual({ x: 8.3, y: 10 });
    expect(percentAt(box, 0, 999)).toEqual({ x: 0, y: 100 });
    expect(percentAt({ left: 0, top: 0, width: 0, height: 0 }, 5, 5)).toEqual({ x: 0, y: 0 });
  });

  it("reads typed percentages", () => {
    expect(parsePercent("12.5")).toBe(12.5);
    expect(parsePercent("12,5")).toBe(12.5);
    expect(parsePercent("")).toBeNull();
    expect(parsePercent("101")).toBeNull();
    expect(parsePercent("-1")).toBeNull();
    expect(parsePercent("abc")).toBeNull();
  });
});

describe("the performance form", () => {
  const form: PerformanceForm = {
    stage: "3",
    title: " Opening ",
    title_ar: "",
    starts: "2026-12-05T18:30",
    ends: "2026-12-05T19:15",
    performers: "Aziz\n\n Noura ;Band",
    status: "scheduled",
    note: "",
    note_ar: "",
  };

  it("sends the venue's wall-clock times as instants, performers as a list", () => {
    const answer = performanceRequest(form, ZONE);
    expect(answer).toEqual({
      ok: true,
      body: {
        stage: 3,
        title: "Opening",
        title_ar: "",
        starts_at: "2026-12-05T15:30:00.000Z",
        ends_at: "2026-12-05T16:15:00.000Z",
        performers: ["Aziz", "Noura", "Band"],
        status: "scheduled",
        note: "",
        note_ar: "",
      },
    });
  });

  it("names what is missing or backwards", () => {
    expect(performanceRequest({ ...form, stage: "", title: " " }, ZONE)).toEqual({ ok: false, problems: ["stage", "title"] });
    expect(performanceRequest({ ...form, ends: "2026-12-05T18:30" }, ZONE)).toEqual({ ok: false, problems: ["order"] });
    expect(performanceRequest({ ...form, starts: "" }, ZONE)).toEqual({ ok: false, problems: ["starts"] });
  });

  it("opens a performance on the venue's clock", () => {
    const item = {
      stage: { id: 3 },
      title: "Opening",
      title_ar: "الافتتاح",
      starts_at: "2026-12-05T15:30:00Z",
      ends_at: "2026-12-05T16:15:00Z",
      performers: ["Aziz", "Noura"],
      status: "delayed" as const,
      note: "Sound check",
      note_ar: "",
    };
    expect(performanceForm(item, ZONE)).toMatchObject({ stage: "3", starts: "2026-12-05T18:30", ends: "2026-12-05T19:15", performers: "Aziz\nNoura" });
  });

  it("reads performers one per line", () => {
    expect(parsePerformers("")).toEqual([]);
    expect(parsePerformers("A; B\nC")).toEqual(["A", "B", "C"]);
  });
});

describe("lists", () => {
  it("groups the schedule by festival day in the venue's zone", () => {
    const items = [
      { id: 2, starts_at: "2026-12-05T22:00:00Z" }, // 01:00 on the 6th: the 5th's night
      { id: 1, starts_at: "2026-12-05T15:00:00Z" },
      { id: 3, starts_at: "2026-12-06T15:00:00Z" },
    ];
    expect(byFestivalDay(items, ZONE).map((day) => [day.date, day.items.map((item) => item.id)])).toEqual([
      ["2026-12-05", [1, 2]],
      ["2026-12-06", [3]],
    ]);
  });

  it("replaces rows by id and adds new ones", () => {
    expect(upsert([{ id: 1, v: "a" }, { id: 2, v: "b" }], [{ id: 2, v: "B" }, { id: 3, v: "c" }])).toEqual([
      { id: 1, v: "a" },
      { id: 2, v: "B" },
      { id: 3, v: "c" },
    ]);
  });
});

describe("errors and order", () => {
  it("flattens the server's field errors to paths", () => {
    expect(
      flattenErrors({
        tagline: ["Too long."],
        faq: [{}, { question: ["This field may not be blank."] }],
        links: { "0": { url: "Enter an http:// or https:// address." } },
        non_field_errors: ["Nope."],
      }),
    ).toEqual({
      tagline: "Too long.",
      "faq.1.question": "This field may not be blank.",
      "links.0.url": "Enter an http:// or https:// address.",
      "": "Nope.",
    });
  });

  it("moves rows up and down within the list", () => {
    expect(move(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(move(["a", "b", "c"], 1, 1)).toEqual(["a", "c", "b"]);
    expect(move(["a", "b"], 0, -1)).toEqual(["a", "b"]);
  });
});
