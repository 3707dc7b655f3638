/** The station's header: name, connection, language, and the station menu. */
import { useEffect, useId, useRef, useState } from "react";
import { SkipLink } from "../../../components/SiteHeader";
import { LanguageToggle, useI18n } from "../../../i18n";
import { ConnectionBadge } from "../../../realtime/react";
import type { Device } from "../lib/station";
import { scanQueue } from "../lib/stores";

interface MenuProps {
  device: Device;
  onSignOut: () => void;
  onChangeGate?: () => void;
  sound?: { on: boolean; toggle: () => void };
}

export function ScanHeader({
  device,
  onSignOut,
  onChangeGate,
  sound,
}: Omit<MenuProps, "device"> & { device: Device | null }) {
  const { t } = useI18n();
  return (
    <header className="site-header scan-header">
      <SkipLink />
      <span className="brand">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <span>{t("scan.brand")}</span>
      </span>
      <div className="site-tools">
        <ConnectionBadge />
        <LanguageToggle />
        {device && (
          <StationMenu device={device} onSignOut={onSignOut} onChangeGate={onChangeGate} sound={sound} />
        )}
      </div>
    </header>
  );
}

function StationMenu({ device, onSignOut, onChangeGate, sound }: MenuProps) {
  const { t, formatNumber } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", outside);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("pointerdown", outside);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);

  useEffect(() => {
    if (!open) setConfirming(false);
  }, [open]);

  const pending = scanQueue.size;
  const signOut = () => {
    if (pending > 0 && !confirming) {
      setConfirming(true);
      return;
    }
    setOpen(false);
    onSignOut();
  };

  return (
    <div className="scan-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="btn btn-ghost btn-small"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((value) => !value)}
      >
        {t("scan.menu")}
        <span aria-hidden="true">▾</span>
      </button>
      <div id={`${id}-panel`} className="scan-menu-panel card stack" hidden={!open}>
        <p className="scan-menu-device">{t("scan.stationOf", { label: device.label })}</p>
        {sound && (
          <button
            type="button"
            className="btn btn-secondary btn-block"
            aria-pressed={sound.on}
            onClick={sound.toggle}
          >
            <SpeakerIcon on={sound.on} />
            {t(sound.on ? "scan.sound.on" : "scan.sound.off")}
          </button>
        )}
        {onChangeGate && (
          <button
            type="button"
            className="btn btn-secondary btn-block"
            onClick={() => {
              setOpen(false);
              onChangeGate();
            }}
          >
            {t("scan.changeGate")}
          </button>
        )}
        {confirming && (
          <p className="notice notice-warn" role="alert">
            {t("scan.signOut.pending", { count: formatNumber(pending) })}
          </p>
        )}
        <button type="button" className="btn btn-danger btn-block" onClick={signOut}>
          {confirming ? t("scan.signOut.confirm") : t("scan.signOut")}
        </button>
      </div>
    </div>
  );
}

function SpeakerIcon({ on }: { on: boolean }) {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
      {on ? (
        <path d="M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12" />
      ) : (
        <path d="M17 9l5 6M22 9l-5 6" />
      )}
    </svg>
  );
}
