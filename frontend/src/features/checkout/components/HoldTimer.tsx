/**
 * The hold's countdown: the time left (on the server's clock), a one-time alert in the last
 * minute, and "more time" while the event allows it. `ReleaseHold` lets the places go.
 */
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../../i18n";
import { Icon } from "../../../components/Icon";
import { formatClock, localDigits, splitMinutes } from "../../../shared/lib/clock";
import { phaseOf } from "../lib/countdown";

interface Props {
  secondsLeft: number;
  /** The server sent `hold.expiring`: warn even if our clock disagrees. */
  serverWarned: boolean;
  extensionsLeft: number;
  holdMinutes: number;
  onExtend(): Promise<void>;
  extendedNotice: string;
}

export function HoldTimer({
  secondsLeft,
  serverWarned,
  extensionsLeft,
  holdMinutes,
  onExtend,
  extendedNotice,
}: Props) {
  const { t, lang, formatNumber } = useI18n();
  const [extending, setExtending] = useState(false);
  const phase = phaseOf(secondsLeft);
  const warning = phase === "warning" || (serverWarned && phase !== "over");
  const { minutes, seconds } = splitMinutes(secondsLeft);
  const canExtend = extensionsLeft > 0 && phase !== "over";

  async function extend() {
    setExtending(true);
    try {
      await onExtend();
    } finally {
      setExtending(false);
    }
  }

  const extendButton = canExtend && (
    <button
      type="button"
      className={`btn btn-small ${warning ? "" : "btn-secondary"}`}
      onClick={extend}
      disabled={extending}
    >
      {extending ? t("checkout.extend.busy") : t("checkout.extend", { minutes: formatNumber(holdMinutes) })}
    </button>
  );

  return (
    <section
      className={`co-timer co-timer-${warning ? "warn" : phase}`}
      aria-labelledby="hold-timer-label"
      data-testid="hold-timer"
    >
      <div className="co-timer-main">
        <Icon name="clock" size={28} className="co-timer-icon" />
        <div className="co-timer-text">
          <span id="hold-timer-label" className="co-timer-label">
            {t("checkout.timer.label")}
          </span>
          <span
            className="co-timer-clock"
            role="timer"
            aria-live="off"
            aria-label={t("checkout.timer.aria", { minutes, seconds })}
            data-testid="hold-countdown"
            data-seconds={secondsLeft}
          >
            {formatClock(secondsLeft, localDigits(lang))}
          </span>
        </div>
        <span className="co-timer-note">{t("checkout.timer.held")}</span>
      </div>
      {warning && (
        <div className="co-timer-alert" role="alert">
          <span>{t("checkout.timer.warning")}</span>
          {extendButton}
        </div>
      )}
      {!warning && extendButton && <div className="co-timer-actions">{extendButton}</div>}
      <p className={extendedNotice ? "co-timer-status" : "visually-hidden"} role="status" data-testid="hold-extended">
        {extendedNotice}
      </p>
    </section>
  );
}

/** "Release these places", asking once more before letting them go. */
export function ReleaseHold({ onRelease }: { onRelease(): Promise<void> }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [releasing, setReleasing] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  // "No" (or Escape) puts the focus back on the link that asked.
  useEffect(() => {
    if (confirming) asked.current = true;
    else if (asked.current) opener.current?.focus();
  }, [confirming]);

  async function release() {
    setReleasing(true);
    try {
      await onRelease();
    } finally {
      setReleasing(false);
      setConfirming(false);
    }
  }

  if (!confirming)
    return (
      <button ref={opener} type="button" className="co-link-button co-release" onClick={() => setConfirming(true)}>
        {t("checkout.release")}
      </button>
    );
  return (
    <div
      className="co-release-confirm"
      role="group"
      aria-label={t("checkout.release")}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !releasing) setConfirming(false);
      }}
    >
      <span>{t("checkout.release.confirm")}</span>
      <div className="row">
        <button type="button" className="btn btn-danger btn-small" onClick={release} disabled={releasing}>
          {t("checkout.release.yes")}
        </button>
        <button type="button" className="btn btn-secondary btn-small" onClick={() => setConfirming(false)} autoFocus>
          {t("checkout.release.no")}
        </button>
      </div>
    </div>
  );
}
