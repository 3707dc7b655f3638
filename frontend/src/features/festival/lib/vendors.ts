/** The booth a public vendor answer names (the schema types it loosely), or null. */
export function boothOf(booth: unknown): { id: number; code: string; zone: string } | null {
  if (!booth || typeof booth !== "object") return null;
  const { id, code, zone } = booth as Record<string, unknown>;
  if (typeof code !== "string") return null;
  return { id: typeof id === "number" ? id : 0, code, zone: typeof zone === "string" ? zone : "" };
}
