import { describe, expect, it, vi } from "vitest";
import { memoryStorage } from "../../../shared/lib/memoryStorage";
import { AdmissionLedger, ScanQueue, syncQueue } from "./queue";
import type { QueuedScan, SyncPost } from "./queue";

function scan(n: number, gate = 3): QueuedScan {
  return {
    requestId: `r${n}`,
    gate,
    qr: `GH1CODE${n}`,
    scannedAt: `2026-12-21T16:00:${String(n).padStart(2, "0")}Z`,
    ticketId: n,
  };
}

describe("ScanQueue", () => {
  it("persists, survives a reload, ignores a repeated request id", () => {
    const storage = memoryStorage();
    const queue = new ScanQueue(storage);
    const changes = vi.fn();
    queue.subscribe(changes);
    queue.add(scan(1));
    queue.add(scan(1));
    queue.add(scan(2, 4));
    expect(queue.size).toBe(2);
    expect(changes).toHaveBeenCalledTimes(2);
    const reloaded = new ScanQueue(storage);
    expect(reloaded.list().map((item) => item.requestId)).toEqual(["r1", "r2"]);
    expect(reloaded.forGate(4)).toEqual([scan(2, 4)]);
    reloaded.remove(["r1"]);
    expect(new ScanQueue(storage).size).toBe(1);
  });

  it("keeps the same list object until it changes", () => {
    const queue = new ScanQueue(memoryStorage());
    const before = queue.list();
    expect(queue.list()).toBe(before);
    queue.add(scan(1));
    expect(queue.list()).not.toBe(before);
  });

  it("starts empty from damaged storage", () => {
    const storage = memoryStorage();
    storage.setItem("gh.scan.queue", "{not json");
    expect(new ScanQueue(storage).size).toBe(0);
    storage.setItem("gh.scan.queue", JSON.stringify([{ nonsense: true }, scan(1)]));
    expect(new ScanQueue(storage).size).toBe(1);
  });
});

describe("AdmissionLedger", () => {
  it("keeps the earliest admission of each ticket, across reloads", () => {
    const storage = memoryStorage();
    const ledger = new AdmissionLedger(storage, "gh.scan.seen.3");
    ledger.record(10, { at: "2026-12-21T16:05:00Z", gate: { id: 3, name: "North" } });
    ledger.record(10, { at: "2026-12-21T16:09:00Z", gate: null });
    ledger.record(10, { at: "2026-12-21T16:01:00Z", gate: { id: 4, name: "South" } });
    const reloaded = new AdmissionLedger(storage, "gh.scan.seen.3");
    expect(reloaded.get(10)).toEqual({ at: "2026-12-21T16:01:00Z", gate: { id: 4, name: "South" } });
    expect(reloaded.get(11)).toBeUndefined();
    reloaded.clear();
    expect(new AdmissionLedger(storage, "gh.scan.seen.3").size).toBe(0);
  });
});

describe("syncQueue", () => {
  it("uploads one gate's scans, empties the queue and reports conflicts", async () => {
    const queue = new ScanQueue(memoryStorage());
    queue.add(scan(1));
    queue.add(scan(2, 4));
    queue.add(scan(3));
    const post = vi.fn<SyncPost>(async (body) => ({
      results: body.scans.map((item) =>
        item.request_id === "r3"
          ? { status: "already_used", conflict: true }
          : { status: "admitted" },
      ),
    }));
    const report = await syncQueue(queue, 3, post);
    expect(post).toHaveBeenCalledWith({
      gate: 3,
      scans: [
        { qr: "GH1CODE1", scanned_at: "2026-12-21T16:00:01Z", request_id: "r1" },
        { qr: "GH1CODE3", scanned_at: "2026-12-21T16:00:03Z", request_id: "r3" },
      ],
    });
    expect(report.synced.map((r) => r.requestId)).toEqual(["r1", "r3"]);
    expect(report.problems).toEqual([
      { requestId: "r3", answer: { status: "already_used", conflict: true } },
    ]);
    expect(queue.list().map((item) => item.requestId)).toEqual(["r2"]);
  });

  it("keeps what was not answered when the upload fails", async () => {
    const queue = new ScanQueue(memoryStorage());
    queue.add(scan(1));
    await expect(
      syncQueue(queue, 3, async () => {
        throw new TypeError("Failed to fetch");
      }),
    ).rejects.toThrow("Failed to fetch");
    expect(queue.size).toBe(1);
  });

  it("sends at most 1000 scans at a time", async () => {
    const queue = new ScanQueue(memoryStorage());
    for (let n = 0; n < 1500; n += 1) queue.add({ ...scan(n), requestId: `r${n}` });
    const sizes: number[] = [];
    await syncQueue(queue, 3, async (body) => {
      sizes.push(body.scans.length);
      return { results: body.scans.map(() => ({ status: "admitted" })) };
    });
    expect(sizes).toEqual([1000, 500]);
    expect(queue.size).toBe(0);
  });
});
