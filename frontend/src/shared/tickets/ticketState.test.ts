import { describe, expect, it } from "vitest";
import { groupedCode, ticketState } from "./ticketState";

describe("tickets", () => {
  it("has a state", () => {
    expect(ticketState({ status: "valid", admitted_at: null })).toBe("valid");
    expect(ticketState({ status: "valid", admitted_at: "2026-12-05T15:00:00Z" })).toBe("used");
    expect(ticketState({ status: "void", admitted_at: null })).toBe("void");
  });

  it("groups a code for reading", () => {
    expect(groupedCode("GH1AEAQAAAAA")).toBe("GH1AE AQAAA AA");
    expect(groupedCode("")).toBe("");
  });
});
