/** Small pieces of the vendor portal: status badges and the setup code's QR picture. */
import { useEffect, useState } from "react";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import { encodeQr, qrPath } from "../lib/qr";
import type { FeeState } from "../lib/portal";

const VENDOR_TONES: Record<string, string> = { pending: "warn", approved: "ok", rejected: "bad", revoked: "bad" };
const VENDOR_ICONS: Record<string, string> = { pending: "○", approved: "✓", rejected: "✕", revoked: "⊘" };

/** An application's status: a symbol and a word, coloured (never the colour alone). */
export function VendorStatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const known = status in VENDOR_TONES;
  return (
    <span className={`co-badge co-badge-${VENDOR_TONES[status] ?? "info"}`} data-status={status}>
      <span aria-hidden="true">{VENDOR_ICONS[status] ?? "•"}</span>{" "}
      {known ? t(`vendor.status.${status}` as MessageKey) : status}
    </span>
  );
}

const FEE_TONES: Record<FeeState, string> = {
  none: "info",
  free: "ok",
  due: "warn",
  processing: "info",
  paid: "ok",
  refunded: "info",
  cancelled: "bad",
};

export function FeeBadge({ state }: { state: FeeState }) {
  const { t } = useI18n();
  return (
    <span className={`co-badge co-badge-${FEE_TONES[state]}`} data-testid="fee-status" data-state={state}>
      {t(`vendor.fee.state.${state}` as MessageKey)}
    </span>
  );
}

/** A QR code made on the page from its text, as crisp squares at any size. */
export function QrCode({ text, label, size }: { text: string; label: string; size?: number }) {
  const { t } = useI18n();
  const [drawn, setDrawn] = useState<{ text: string; path: string; size: number } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    setFailed(false);
    encodeQr(text).then(
      (modules) => !cancelled && setDrawn({ text, ...qrPath(modules) }),
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, [text]);
  const style = size ? { width: size, height: size } : undefined;
  if (failed)
    return (
      <div className="vd-qr vd-qr-failed" style={style} role="img" aria-label={t("vendor.code.qrError")}>
        {t("vendor.code.qrError")}
      </div>
    );
  if (!drawn || drawn.text !== text) return <div className="vd-qr vd-qr-loading" style={style} aria-hidden="true" />;
  return (
    <svg
      className="vd-qr"
      style={style}
      viewBox={`0 0 ${drawn.size} ${drawn.size}`}
      role="img"
      aria-label={label}
      data-testid="setup-qr"
      shapeRendering="crispEdges"
    >
      <rect width={drawn.size} height={drawn.size} fill="#fff" />
      <path d={drawn.path} fill="#000" />
    </svg>
  );
}
