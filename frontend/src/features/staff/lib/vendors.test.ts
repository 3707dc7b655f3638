import { describe, expect, it } from "vitest";
import { ApiError } from "../../../api/client";
import {
  assignRefusal,
  boothTone,
  countBooths,
  filterFromParam,
  needsReason,
  reasonProblem,
  replaceBooth,
  vendorActions,
  vendorsWithoutBooth,
} from "./vendors";

describe("vendorActions", () => {
  it("follows the server's transitions", () => {
    expect(vendorActions("pending")).toEqual(["approve", "reject"]);
    expect(vendorActions("rejected")).toEqual(["approve"]);
    expect(vendorActions("approved")).toEqual(["revoke"]);
    expect(vendorActions("revoked")).toEqual([]);
    expect(needsReason("approve")).toBe(false);
    expect(needsReason("reject")).toBe(true);
  });

  it("asks for a reason of at most 500 characters", () => {
    expect(reasonProblem("  ")).toBe("required");
    expect(reasonProblem("x".repeat(501))).toBe("tooLong");
    expect(reasonProblem("Too many kabsa stands.")).toBeNull();
  });

  it("reads the status filter from the address", () => {
    expect(filterFromParam("pending")).toBe("pending");
    expect(filterFromParam("weird")).toBe("");
    expect(filterFromParam(null)).toBe("");
  });
});

describe("booths", () => {
  const vendors = [
    { id: 1, name: "Zaatar", status: "approved", booth: null },
    { id: 2, name: "Oud & Co", status: "approved", booth: { id: 10 } },
    { id: 3, name: "Kahwa", status: "pending", booth: null },
    { id: 4, name: "Falafel", status: "approved", booth: null },
    { id: 5, name: "Henna", status: "approved", booth: null },
  ];
  const booths = [
    { id: 10, vendor: { id: 2 } },
    { id: 11, vendor: { id: 5 } }, // seated a moment ago; the vendor list does not know yet
    { id: 12, vendor: null },
  ];

  it("offers approved vendors without a booth, by name", () => {
    expect(vendorsWithoutBooth(vendors, booths).map((vendor) => vendor.name)).toEqual(["Falafel", "Zaatar"]);
  });

  it("colours and counts booths free or taken", () => {
    expect(boothTone(booths[0])).toBe("taken");
    expect(boothTone(booths[2])).toBe("free");
    expect(countBooths(booths)).toEqual({ free: 1, taken: 2 });
  });

  it("replaces a booth in place", () => {
    expect(replaceBooth(booths, { id: 12, vendor: { id: 1 } })[2]).toEqual({ id: 12, vendor: { id: 1 } });
  });
});

describe("assignRefusal", () => {
  const conflict = (code: string, extra = {}) => new ApiError(409, { code, message: "…", ...extra });
  it("tells a race from a mistake", () => {
    expect(assignRefusal(conflict("booth_taken", { vendor: { id: 9, name: "Oud & Co" } }))).toEqual({
      kind: "booth_taken",
      by: "Oud & Co",
    });
    expect(assignRefusal(conflict("booth_taken"))).toEqual({ kind: "booth_taken", by: null });
    expect(assignRefusal(conflict("vendor_has_booth"))).toEqual({ kind: "vendor_has_booth" });
    expect(assignRefusal(conflict("vendor_not_approved"))).toEqual({ kind: "vendor_not_approved" });
    expect(assignRefusal(new ApiError(400, { code: "validation_error", message: "" }))).toEqual({ kind: "other" });
    expect(assignRefusal(new TypeError("offline"))).toEqual({ kind: "other" });
  });
});
