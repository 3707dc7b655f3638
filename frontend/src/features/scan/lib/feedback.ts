/** What a result sounds and feels like: a high beep for "in", a low double beep for "no". */
import type { Tone } from "./outcome";

const SOUND_KEY = "gh.scan.sound";

export const soundSetting = {
  get: (): boolean => localStorage.getItem(SOUND_KEY) !== "off",
  set: (on: boolean) => localStorage.setItem(SOUND_KEY, on ? "on" : "off"),
};

let context: AudioContext | null = null;

/** Browsers start audio only after a gesture: call this from a click to be ready. */
export function unlockAudio(): void {
  try {
    context ??= new AudioContext();
    if (context.state === "suspended") void context.resume();
  } catch {
    context = null;
  }
}

function beep(audio: AudioContext, frequency: number, start: number, duration: number): void {
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = "sine";
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.3, start + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + duration);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(start);
  oscillator.stop(start + duration + 0.02);
}

const PATTERNS: Record<Tone, { tones: [number, number][]; vibrate: number | number[] }> = {
  ok: { tones: [[1320, 0]], vibrate: 80 },
  warn: { tones: [[440, 0], [440, 0.22]], vibrate: [120, 80, 120] },
  // Not now (outside the setup window, no network for a setup code): a rising pair.
  wait: { tones: [[523, 0], [659, 0.2]], vibrate: [60, 60, 60] },
  bad: { tones: [[220, 0], [220, 0.25]], vibrate: [250, 100, 250] },
};

export function signal(tone: Tone, sound: boolean): void {
  const pattern = PATTERNS[tone];
  if (sound && context && context.state === "running") {
    const start = context.currentTime + 0.01;
    for (const [frequency, offset] of pattern.tones) beep(context, frequency, start + offset, 0.18);
  }
  try {
    navigator.vibrate?.(pattern.vibrate);
  } catch {
    /* not supported */
  }
}
