/** Define an area's messages: the Arabic must have exactly the English keys. */
export function defineMessages<const E extends Record<string, string>>(
  en: E,
  ar: { [K in keyof E]: string },
): { en: E; ar: { [K in keyof E]: string } } {
  return { en, ar };
}
