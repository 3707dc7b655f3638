/**
 * Text folded as the server's stay search folds it (backend/core/text_search.py): case,
 * accents, Arabic tashkeel and tatweel, the alef forms (أ إ آ ٱ → ا), taa marbuta (ة → ه),
 * alef maksura (ى → ي), Arabic-Indic digits, and runs of spaces and punctuation. Two texts with
 * the same key find the same places, so the search box asks again only when the key changes,
 * and shows which part of a suggestion the guest's text matched.
 */
const ARABIC: Record<string, string> = {
  "أ": "ا",
  "إ": "ا",
  "آ": "ا",
  "ٱ": "ا",
  "ة": "ه",
  "ى": "ي",
  "ـ": "",
};

function foldChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  return ARABIC[char] ?? char;
}

export function searchKey(text: string): string {
  const bare = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{Mn}/gu, "")
    .normalize("NFC");
  const folded = Array.from(bare, foldChar).join("");
  return folded
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Where the folded `query` starts in `text`, as [start, end) of `text`'s own characters, so
 * the match can be marked in the text as written; null when it is not there.
 */
export function matchRange(text: string, query: string): [number, number] | null {
  const wanted = searchKey(query);
  if (!wanted) return null;
  // Fold text character by character, remembering where each folded character came from.
  const chars = Array.from(text);
  let folded = "";
  const origin: number[] = [];
  let offset = 0;
  for (const char of chars) {
    const key = searchKey(char) || (/\s|[^\p{L}\p{N}]/u.test(char) ? " " : "");
    for (const part of key) {
      folded += part;
      origin.push(offset);
    }
    offset += char.length;
  }
  const at = folded.replace(/ +/g, (run) => " ".repeat(run.length)).indexOf(wanted);
  if (at < 0) return null;
  const last = at + wanted.length - 1;
  const start = origin[at];
  let end = origin[last] + 1;
  while (end < text.length && /\p{Mn}/u.test(text[end])) end += 1; // keep a letter's marks
  return [start, end];
}
