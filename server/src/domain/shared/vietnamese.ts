/**
 * Vietnamese text helpers: sorting by given name the way a class list is read aloud, and
 * diacritic-insensitive search ("nguyen van an" finds "Nguyễn Văn An").
 */

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Folds diacritics and đ/Đ, lower-cases, collapses spaces: the key used for search. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Normalizes a typed or imported name: NFC, single spaces, trimmed. */
export function normalizeName(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Splits "Nguyễn Thị Minh Anh" into family name, middle names and given name. */
export function splitVietnameseName(fullName: string): { family: string; middle: string; given: string } {
  const parts = normalizeName(fullName).split(' ');
  const given = parts.pop() ?? '';
  const family = parts.shift() ?? '';
  return { family, middle: parts.join(' '), given };
}

/**
 * Vietnamese class lists sort by given name first, then family name, then middle names
 * (An before Bình whatever the family name).
 */
export function compareVietnameseNames(a: string, b: string): number {
  const x = splitVietnameseName(a);
  const y = splitVietnameseName(b);
  return (
    collator.compare(x.given, y.given) ||
    collator.compare(x.family, y.family) ||
    collator.compare(x.middle, y.middle) ||
    collator.compare(a, b)
  );
}

/**
 * A key that sorts names in the Vietnamese order with plain byte comparison, so SQLite and
 * PostgreSQL can ORDER BY it with an index. Tones order after their base letter (a < à < á …)
 * as Vietnamese dictionaries do.
 */
export function nameSortKey(fullName: string): string {
  const { family, middle, given } = splitVietnameseName(fullName);
  return [given, family, middle].map(letterKey).join('|');
}

const ALPHABET = 'aăâbcdđeêghiklmnoôơpqrstuưvxy';
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323']; // huyền, hỏi, ngã, sắc, nặng

function letterKey(word: string): string {
  let base = '';
  let tones = '';
  for (const ch of word.toLowerCase().normalize('NFD').normalize('NFC')) {
    const decomposed = ch.normalize('NFD');
    const tone = [...decomposed].find((c) => TONES.includes(c) && c !== '') ?? '';
    const letter = [...decomposed].filter((c) => !TONES.includes(c) || c === '').join('').normalize('NFC');
    const idx = ALPHABET.indexOf(letter);
    base += idx >= 0 ? String.fromCharCode(0x41 + idx) : letter;
    tones += String(TONES.indexOf(tone));
  }
  return `${base}~${tones}`;
}
