/** The clock the programme is read by: now, in ms, updated at each minute's turn. */
import { useEffect, useState } from "react";

export function useNow(stepMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const at = Date.now();
      setNow(at);
      // The next turn of the step (a set starting at 18:00 shows as on stage at 18:00:00).
      timer = setTimeout(tick, stepMs - (at % stepMs) + 50);
    };
    timer = setTimeout(tick, stepMs - (Date.now() % stepMs) + 50);
    const visible = () => document.visibilityState === "visible" && setNow(Date.now());
    document.addEventListener("visibilitychange", visible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", visible);
    };
  }, [stepMs]);
  return now;
}
