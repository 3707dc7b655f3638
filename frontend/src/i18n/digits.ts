/** Arabic-Indic (٠١٢…) and Extended Arabic-Indic (۰۱۲…, Persian/Urdu) digits to 0-9. */
export function latinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** Only the digits of a code someone typed, in any of those scripts. */
export function codeDigits(text: string): string {
  return latinDigits(text).replace(/\D/g, "");
}
