import { describe, expect, it } from "vitest";
import { encodeQr, qrPath } from "./qr";
import type { Modules } from "./qr";

function grid(rows: string[]): Modules {
  return {
    getWidth: () => rows[0].length,
    getHeight: () => rows.length,
    get: (x, y) => (rows[y][x] === "#" ? 1 : 0),
  };
}

describe("qrPath", () => {
  it("draws each run of dark modules once, inside the quiet zone", () => {
    const { path, size } = qrPath(grid(["##.", ".#.", "..#"]), 1);
    expect(size).toBe(5);
    expect(path).toBe("M1 1h2v1h-2zM2 2h1v1h-1zM3 3h1v1h-1z");
  });

  it("has the standard four-module quiet zone by default", () => {
    expect(qrPath(grid(["#"])).size).toBe(9);
    expect(qrPath(grid(["."])).path).toBe("");
  });
});

describe("encodeQr", () => {
  it("encodes a setup code (125 characters of the QR alphanumeric set) as a square", async () => {
    const code = `GH1${"A".repeat(122)}`;
    const modules = await encodeQr(code);
    expect(modules.getWidth()).toBe(modules.getHeight());
    // Version 6 or so at level M: 41 modules a side; never a tiny one.
    expect(modules.getWidth()).toBeGreaterThanOrEqual(37);
  });
});
