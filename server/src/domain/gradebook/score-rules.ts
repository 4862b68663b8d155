/**
 * Marks on the 10-point scale, kept as integer tenths (6.5 → 65) so that no binary floating point
 * ever decides a rounding (0.1 + 0.2 ≠ 0.3; 6.45 is stored as 6.4499999…).
 *
 * Circular 22/2021 Art. 5.2 (lawnet/thuvienphapluat): "điểm số … là số nguyên hoặc số thập phân được
 * lấy đến chữ số thập phân thứ nhất sau khi làm tròn số". The text does not say how a tie rounds;
 * we round half up (x.x5 → x.(x+1)), the usual school convention, on the exact decimal value.
 */

/** Rounds a rational numerator/denominator (both integers, denominator > 0, value ≥ 0) half up to an integer. */
export function roundHalfUpRatio(numerator: number, denominator: number): number {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || denominator <= 0 || numerator < 0) {
    throw new RangeError('roundHalfUpRatio needs non-negative integers and a positive denominator');
  }
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * A number (e.g. a quiz's 6.45 out of 10) to tenths, rounded half up on its shortest decimal
 * representation: 6.45 → 65, 6.449 → 64, 7.25 → 73, 9.999 → 100. Null for NaN or negatives.
 */
export function numberToTenths(x: number): number | null {
  if (!Number.isFinite(x) || x < 0) return null;
  // String(x) is the shortest decimal that reads back as x: 6.45 → "6.45", not 6.4499999…
  const text = String(x);
  if (/e/i.test(text)) return x < 1e-6 ? 0 : null; // tiny values round to 0; huge ones are refused
  const [int = '0', frac = ''] = text.split('.');
  const hundredths = Number(int) * 100 + Number((frac + '00').slice(0, 2));
  // Half up at the tenths depends only on the hundredths digit (≥ 5 → up); later digits never matter.
  return Math.floor(hundredths / 10) + (hundredths % 10 >= 5 ? 1 : 0);
}

/**
 * What a teacher types: "7", "6.5", "6,5" (Vietnamese decimal comma), " 10 ". At most one decimal
 * (Art. 5.2), 0–10. Returns tenths or null when the text is not a valid mark.
 */
export function parseScoreText(text: string): number | null {
  const t = text.trim().replace(',', '.');
  const m = /^(\d{1,2})(?:\.(\d))?$/.exec(t);
  if (!m) return null;
  const tenths = Number(m[1]) * 10 + Number(m[2] ?? '0');
  return tenths >= 0 && tenths <= 100 ? tenths : null;
}

/** Tenths for display: 65 → "6.5", 70 → "7.0" in 'en'; the Vietnamese form uses a comma ("6,5"). */
export function formatTenths(tenths: number, locale: 'vi' | 'en' = 'en'): string {
  const s = `${Math.floor(tenths / 10)}.${tenths % 10}`;
  return locale === 'vi' ? s.replace('.', ',') : s;
}

/** Tenths to a JSON number (65 → 6.5); exact because it is a single division of a small integer. */
export function tenthsToNumber(tenths: number): number {
  return tenths / 10;
}
