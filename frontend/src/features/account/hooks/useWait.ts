/** "Try again in …" after a 429: the seconds left, counting down, and the text to show. */
import { useEffect, useState } from "react";
import { useI18n } from "../../../i18n";
import { formatClock, localDigits } from "../../../shared/lib/clock";

export function useWait() {
  const { t, lang } = useI18n();
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  const left = until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
  return {
    waiting: left > 0,
    text: left > 0 ? t("account.wait", { time: formatClock(left, localDigits(lang)) }) : "",
    start(seconds: number) {
      setNow(Date.now());
      setUntil(Date.now() + seconds * 1000);
    },
    clear() {
      setUntil(null);
    },
  };
}
