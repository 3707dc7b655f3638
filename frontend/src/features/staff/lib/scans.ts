/** Recent scans from every gate of an event, merged into one newest-first list. */

export interface ScanTicket {
  id: number;
  label: string;
  holder_name: string;
}

/** A scan result as the `gate:{id}` topic carries it (its snapshot's `last`, its `scan` frames). */
export interface ScanResult {
  status: string;
  message?: string;
  gate: number;
  scanned_at: string;
  ticket?: ScanTicket;
  first_admitted_at?: string;
  first_gate?: { id: number; name: string } | null;
}

export type ScanTone = "ok" | "warn" | "bad";

/** Two copies of one scan (a snapshot and a frame) have the same key. */
export function scanKey(scan: ScanResult): string {
  return `${scan.gate}|${scan.scanned_at}|${scan.ticket?.id ?? "-"}|${scan.status}`;
}

export function isScanResult(value: unknown): value is ScanResult {
  if (!value || typeof value !== "object") return false;
  const scan = value as Record<string, unknown>;
  return typeof scan.status === "string" && typeof scan.gate === "number" && typeof scan.scanned_at === "string";
}

/** Merge new results into the list: no duplicates, newest first, at most `limit`. */
export function mergeScans(current: readonly ScanResult[], incoming: readonly unknown[], limit = 20): ScanResult[] {
  const byKey = new Map<string, ScanResult>();
  for (const scan of current) byKey.set(scanKey(scan), scan);
  for (const scan of incoming) if (isScanResult(scan)) byKey.set(scanKey(scan), scan);
  return [...byKey.values()]
    .sort((a, b) => Date.parse(b.scanned_at) - Date.parse(a.scanned_at))
    .slice(0, limit);
}

/** Admitted and exits are good news; a second use or a crew already in is a warning; the
 * rest are refusals. */
export function scanTone(status: string): ScanTone {
  if (status === "admitted" || status === "exited") return "ok";
  if (status === "already_used" || status === "crew_full") return "warn";
  return "bad";
}
