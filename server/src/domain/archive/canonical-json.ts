import { createHash } from 'node:crypto';

/**
 * Canonical JSON of the records archive (Art. 8.2: records that cannot change unseen). One text for
 * one value, whoever writes it: object keys sorted by UTF-16 code unit, no spaces, strings and numbers
 * as JSON.stringify writes them; `undefined` object members are left out and values with `toJSON`
 * (Dates) are written as what `toJSON` returns, exactly as JSON.stringify would, so a payload read back
 * from its stored text has the same canonical form. Non-finite numbers, bigints, functions and symbols
 * are refused: JSON cannot hold them without losing them.
 */
export function canonicalJson(value: unknown): string {
  return write(value, 0);
}

function write(value: unknown, depth: number): string {
  if (depth > 200) throw new TypeError('canonicalJson: nested too deeply');
  if (value === null) return 'null';
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return write((value as { toJSON(): unknown }).toJSON(), depth + 1);
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: a number must be finite');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : write(v, depth + 1))).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write(obj[k], depth + 1)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot write a ${typeof value}`);
  }
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
