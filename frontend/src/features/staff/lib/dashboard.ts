/** The `event:{slug}:dashboard` topic: its snapshot and `stats` frames have one shape. */
import type { MinuteCount } from "./chart";

export interface GateCheckins {
  gate: number;
  name: string;
  admitted: number;
}

export interface DashboardStats {
  sold: number;
  held: number;
  available: number;
  checked_in: GateCheckins[];
  scans_per_minute: MinuteCount[];
  server_time: string;
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? Math.max(0, value) : 0;
}

/** Read a snapshot or frame defensively (null when it is not a dashboard at all). */
export function parseDashboard(raw: unknown): DashboardStats | null {
  if (!raw || typeof raw !== "object") return null;
  const data = raw as Record<string, unknown>;
  if (!("sold" in data) || !("available" in data)) return null;
  const gates = Array.isArray(data.checked_in) ? data.checked_in : [];
  const minutes = Array.isArray(data.scans_per_minute) ? data.scans_per_minute : [];
  return {
    sold: count(data.sold),
    held: count(data.held),
    available: count(data.available),
    checked_in: gates
      .filter((gate): gate is Record<string, unknown> => Boolean(gate) && typeof gate === "object")
      .map((gate) => ({ gate: Number(gate.gate), name: String(gate.name ?? ""), admitted: count(gate.admitted) })),
    scans_per_minute: minutes
      .filter((point): point is Record<string, unknown> => Boolean(point) && typeof point === "object")
      .map((point) => ({ minute: String(point.minute), scans: count(point.scans) })),
    server_time: typeof data.server_time === "string" ? data.server_time : "",
  };
}

export interface Shares {
  capacity: number;
  sold: number;
  held: number;
  available: number;
}

/** Sold, held and available as percentages of the capacity, unrounded (0 when there is none). */
export function shares(stats: Pick<DashboardStats, "sold" | "held" | "available">): Shares {
  const capacity = stats.sold + stats.held + stats.available;
  const pct = (value: number) => (capacity ? (value / capacity) * 100 : 0);
  return { capacity, sold: pct(stats.sold), held: pct(stats.held), available: pct(stats.available) };
}

export function totalCheckedIn(stats: Pick<DashboardStats, "checked_in">): number {
  return stats.checked_in.reduce((sum, gate) => sum + gate.admitted, 0);
}
