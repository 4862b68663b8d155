/**
 * Checks content parameters saved from the H5P editor against the library's semantics.json
 * (Art. 9.3: teachers author interactive content on the box). h5p-server's own enforcer only
 * sanitizes HTML and silently drops unknown sub-libraries; a teacher's save must instead be refused
 * with the reasons when a required field is missing or a value has the wrong type or range, so
 * that nothing half-valid is stored. Pure: no files, no database.
 */

export interface SemanticsField {
  name?: string;
  type: string;
  label?: string;
  optional?: boolean;
  default?: unknown;
  maxLength?: number;
  regexp?: { pattern: string; modifiers?: string };
  min?: number | string;
  max?: number | string;
  decimals?: number;
  options?: ({ value: unknown } | string | { name: string })[];
  field?: SemanticsField;
  fields?: SemanticsField[];
}

export interface ParamError {
  path: string;
  reason: string;
}

const MAX_ERRORS = 20;
const MAX_DEPTH = 20;

/** Returns every problem found (at most 20); an empty list means the params fit the semantics. */
export function checkParams(semantics: SemanticsField[], params: unknown): ParamError[] {
  const errors: ParamError[] = [];
  if (!isObject(params)) return [{ path: '', reason: 'params must be an object' }];
  checkFields(semantics, params, '', errors, 0);
  return errors.slice(0, MAX_ERRORS);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkFields(fields: SemanticsField[], obj: Record<string, unknown>, base: string, errors: ParamError[], depth: number) {
  for (const f of fields) {
    if (!f.name) continue;
    checkValue(f, obj[f.name], base ? `${base}.${f.name}` : f.name, errors, depth + 1);
  }
}

function checkValue(f: SemanticsField, v: unknown, path: string, errors: ParamError[], depth: number): void {
  if (errors.length >= MAX_ERRORS) return;
  if (depth > MAX_DEPTH) {
    errors.push({ path, reason: 'nested too deeply' });
    return;
  }
  const err = (reason: string) => errors.push({ path, reason });
  // A field left out is filled from its default by the player; only required fields without one must be present.
  if (v === undefined || v === null) {
    if (!f.optional && f.default === undefined && f.type !== 'group' && f.type !== 'boolean') err('required');
    return;
  }
  switch (f.type) {
    case 'text': {
      if (typeof v !== 'string') return void err('must be text');
      if (!f.optional && f.default === undefined && v.replace(/<[^>]*>/g, '').trim() === '') return void err('required');
      if (f.maxLength !== undefined && v.length > f.maxLength) err(`longer than ${f.maxLength} characters`);
      if (f.regexp && v !== '') {
        let re: RegExp | undefined;
        try {
          re = new RegExp(f.regexp.pattern, (f.regexp.modifiers ?? '').replace(/[^imsu]/g, ''));
        } catch {
          re = undefined;
        }
        if (re && !re.test(v)) err('does not match the expected format');
      }
      return;
    }
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return void err('must be a number');
      if (f.min !== undefined && v < Number(f.min)) err(`less than ${f.min}`);
      if (f.max !== undefined && v > Number(f.max)) err(`more than ${f.max}`);
      if (f.decimals === undefined && !Number.isInteger(v)) err('must be a whole number');
      return;
    }
    case 'boolean':
      if (typeof v !== 'boolean') err('must be true or false');
      return;
    case 'select': {
      const allowed = (f.options ?? []).map((o) => (isObject(o) && 'value' in o ? o.value : o));
      if (!allowed.some((a) => a === v)) err('not one of the options');
      return;
    }
    case 'list': {
      if (!Array.isArray(v)) return void err('must be a list');
      if (f.min !== undefined && v.length < Number(f.min)) err(`fewer than ${f.min} items`);
      if (f.max !== undefined && v.length > Number(f.max)) err(`more than ${f.max} items`);
      if (f.field) v.forEach((item, i) => checkValue(f.field!, item, `${path}[${i}]`, errors, depth + 1));
      return;
    }
    case 'group': {
      const fields = f.fields ?? [];
      // A group of one field is stored as that field's value (H5P's convention).
      if (fields.length === 1 && !isObject(v)) return checkValue(fields[0]!, v, path, errors, depth + 1);
      if (!isObject(v)) return void err('must be a group of fields');
      checkFields(fields, v, path, errors, depth);
      return;
    }
    case 'library': {
      if (!isObject(v) || typeof v.library !== 'string') return void err('must name a content type');
      const allowed = (f.options ?? []).map((o) => (typeof o === 'string' ? o : isObject(o) && 'name' in o ? String(o.name) : ''));
      if (!allowed.includes(v.library)) err(`content type ${v.library} is not allowed here`);
      return;
    }
    case 'image': case 'file': case 'audio': case 'video': {
      const files = f.type === 'audio' || f.type === 'video' ? (Array.isArray(v) ? v : [v]) : [v];
      for (const file of files) {
        if (!isObject(file) || typeof file.path !== 'string' || !file.path) return void err('must be an uploaded file');
        if (file.path.includes('..') || file.path.startsWith('/')) err('file path not allowed');
      }
      return;
    }
    default:
      return; // widgets without a value of their own (none, coordinates…) are not checked
  }
}

/** `H5P.Foo 1.2` → parts, or undefined. */
export function parseUberName(s: string): { machineName: string; majorVersion: number; minorVersion: number } | undefined {
  const m = /^([A-Za-z][\w.]*) (\d{1,4})\.(\d{1,4})$/.exec(s);
  return m ? { machineName: m[1]!, majorVersion: Number(m[2]), minorVersion: Number(m[3]) } : undefined;
}

/** Editor uploads: which MIME families a field accepts (images for image fields…). */
export function checkEditorFile(fieldType: string, file: { name: string; mimetype: string; size: number }, allowed: string[], limits: { imageBytes: number; mediaBytes: number; fileBytes: number }): string | undefined {
  const ext = (/\.([A-Za-z0-9]+)$/.exec(file.name)?.[1] ?? '').toLowerCase();
  if (!ext || !allowed.includes(ext)) return 'file type not allowed';
  const family = { image: 'image/', audio: 'audio/', video: 'video/' }[fieldType as 'image'];
  if (!['image', 'audio', 'video', 'file'].includes(fieldType)) return 'field does not take files';
  if (family && !file.mimetype.startsWith(family)) return `a ${fieldType} field takes ${family}* files`;
  if (fieldType === 'image' && !['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp'].includes(ext)) return 'not an image file';
  const limit = fieldType === 'image' ? limits.imageBytes : fieldType === 'file' ? limits.fileBytes : limits.mediaBytes;
  if (file.size > limit) return `larger than ${Math.round(limit / 1024 / 1024)} MB`;
  return undefined;
}

/** Whether an image's first bytes are those of its extension's format (a renamed file is refused). */
export function imageMatches(ext: string, head: Uint8Array): boolean {
  const at = (i: number, ...b: number[]) => b.every((x, k) => head[i + k] === x);
  switch (ext) {
    case 'png': return at(0, 0x89, 0x50, 0x4e, 0x47);
    case 'jpg': case 'jpeg': return at(0, 0xff, 0xd8, 0xff);
    case 'gif': return at(0, 0x47, 0x49, 0x46, 0x38);
    case 'webp': return at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50);
    case 'bmp': return at(0, 0x42, 0x4d);
    default: return false;
  }
}
