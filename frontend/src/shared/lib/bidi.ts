/**
 * Text from elsewhere inside a translated sentence keeps its own direction: a phone number is
 * always left to right ("+966 5…" must not become "…5 966+" in Arabic), and a name in Latin
 * letters inside Arabic (or the reverse) does not drag punctuation around it.
 */
const LRI = "\u2066";
const FSI = "\u2068";
const PDI = "\u2069";

/** Left-to-right whatever the page's direction (phone numbers, codes, references). */
export function ltr(text: string): string {
  return `${LRI}${text}${PDI}`;
}

/** In the direction of its own first letter (names of people, events, places, gates). */
export function isolate(text: string): string {
  return `${FSI}${text}${PDI}`;
}

/**
 * Parts of one line (an address and its city, a venue and its city), each isolated, joined
 * by `separator`: "North Corniche, Jeddah" and "ساحة الكورنيش" no longer swap their commas
 * and words across each other. Empty parts are left out.
 */
export function joinIsolated(parts: (string | null | undefined)[], separator = ", "): string {
  return parts
    .filter((part): part is string => Boolean(part))
    .map(isolate)
    .join(separator);
}
