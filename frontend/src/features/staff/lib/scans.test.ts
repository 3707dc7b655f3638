import { describe, expect, it } from "vitest";
import { mergeScans, scanKey, scanTone } from "./scans";
import type { ScanResult } from "./scans";

const scan = (gate: number, second: number, status = "admitted", ticket = second): ScanResult => ({
  status,
  gate,
  scanned_at: `2026-12-22T16:00:${String(second).padStart(2, "0")}Z`,
  ticket: { id: ticket, label: "General Admission", holder_name: "Sara" },
});

describe("mergeScans", () => {
  it("merges gates newest first", () => {
    const merged = mergeScans([scan(1, 1), scan(1, 3)], [scan(2, 2), scan(2, 4)]);
    expect(merged.map((s) => s.scanned_at.slice(-3))).toEqual(["04Z", "03Z", "02Z", "01Z"]);
  });

  it("keeps one copy of a scan seen in a snapshot and a frame", () => {
    const merged = mergeScans([scan(1, 1)], [scan(1, 1), scan(1, 1, "already_used")]);
    expect(merged).toHaveLength(2);
    expect(new Set(merged.map(scanKey)).size).toBe(2);
  });

  it("keeps the newest `limit` and ignores junk", () => {
    const many = Array.from({ length: 30 }, (_, n) => scan(1, n));
    const merged = mergeScans([], [...many, { nonsense: true }, null], 5);
    expect(merged).toHaveLength(5);
    expect(merged[0].scanned_at.endsWith(":29Z")).toBe(true);
  });
});

describe("scanTone", () => {
  it("sorts statuses by how they should look", () => {
    expect(scanTone("admitted")).toBe("ok");
    expect(scanTone("already_used")).toBe("warn");
    expect(scanTone("void")).toBe("bad");
    expect(scanTone("invalid")).toBe("bad");
    expect(scanTone("crew_full")).toBe("warn");
    expect(scanTone("outside_setup")).toBe("bad");
  });
});
