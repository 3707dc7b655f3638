/** What sort of event this is: an icon and a word (never the icon alone). */
import type { MessageKey } from "../../../i18n";
import { useI18n } from "../../../i18n";

const LABELS: Record<string, MessageKey> = {
  festival: "guest.kind.festival",
  stays: "guest.kind.stays",
  rooms: "guest.kind.rooms",
  service: "guest.kind.service",
  vip: "guest.kind.vip",
};

const PATHS: Record<string, string> = {
  // A ticket with a notch.
  festival: "M3 8a2 2 0 0 0 2-2h14a2 2 0 0 0 2 2v2a2 2 0 0 0 0 4v2a2 2 0 0 0-2 2H5a2 2 0 0 0-2-2v-2a2 2 0 0 0 0-4Zm11-1v10",
  // A bed.
  stays: "M3 18V6m0 8h18v4M3 14V11h7a3 3 0 0 1 3 3m0 0h8v-2a3 3 0 0 0-3-3h-5v5M6.5 11a1.5 1.5 0 1 0 0-.01",
  // A calendar.
  rooms: "M4 6h16v14H4zM4 10h16M8 3v4m8-4v4m-8 7h3v3H8z",
  // A spanner.
  service: "M14.7 6.3a4 4 0 0 0-5.4 5.1L4 16.7 7.3 20l5.3-5.3a4 4 0 0 0 5.1-5.4l-2.5 2.5-2.5-.5-.5-2.5Z",
  // A star.
  vip: "m12 3 2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9Z",
};

export function KindIcon({ kind, size = 18 }: { kind: string; size?: number }) {
  return (
    <svg
      aria-hidden="true"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[kind] ?? PATHS.festival} />
    </svg>
  );
}

export function useKindLabel(): (kind: string) => string {
  const { t } = useI18n();
  return (kind) => t(LABELS[kind] ?? "guest.kind.other");
}

export function KindBadge({ kind }: { kind: string }) {
  const label = useKindLabel();
  return (
    <span className={`kind-badge kind-${kind}`}>
      <KindIcon kind={kind} size={16} />
      {label(kind)}
    </span>
  );
}
