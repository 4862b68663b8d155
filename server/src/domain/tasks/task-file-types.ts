/**
 * What students and teachers may upload with a task: documents, images, audio and video a phone
 * or a school computer makes, recognised by their first bytes AND their extension (a renamed
 * program or web page is refused). Nothing here is ever executed or shown as HTML.
 */

/** Bytes read from the start of a file to recognise it. */
export const SNIFF_BYTES = 64;
/** One file's limit, and the most files per submission. */
export const TASK_FILE_LIMITS = { maxBytes: 25 * 1024 * 1024, maxFiles: 10 } as const;

interface Kind {
  exts: string[];
  mime: string;
  test: (b: Uint8Array) => boolean;
}

const at = (b: Uint8Array, offset: number, bytes: number[]) => bytes.every((x, i) => b[offset + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const ZIP = (b: Uint8Array) => at(b, 0, [0x50, 0x4b, 0x03, 0x04]);
const OLE = (b: Uint8Array) => at(b, 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const FTYP = (b: Uint8Array) => at(b, 4, ascii('ftyp'));

const KINDS: Kind[] = [
  { exts: ['pdf'], mime: 'application/pdf', test: (b) => at(b, 0, ascii('%PDF-')) },
  { exts: ['png'], mime: 'image/png', test: (b) => at(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { exts: ['jpg', 'jpeg'], mime: 'image/jpeg', test: (b) => at(b, 0, [0xff, 0xd8, 0xff]) },
  { exts: ['gif'], mime: 'image/gif', test: (b) => at(b, 0, ascii('GIF87a')) || at(b, 0, ascii('GIF89a')) },
  { exts: ['webp'], mime: 'image/webp', test: (b) => at(b, 0, ascii('RIFF')) && at(b, 8, ascii('WEBP')) },
  { exts: ['heic', 'heif'], mime: 'image/heic', test: (b) => FTYP(b) && ['heic', 'heix', 'mif1', 'msf1', 'heif'].some((brand) => at(b, 8, ascii(brand))) },
  { exts: ['docx'], mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', test: ZIP },
  { exts: ['xlsx'], mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', test: ZIP },
  { exts: ['pptx'], mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', test: ZIP },
  { exts: ['odt'], mime: 'application/vnd.oasis.opendocument.text', test: ZIP },
  { exts: ['ods'], mime: 'application/vnd.oasis.opendocument.spreadsheet', test: ZIP },
  { exts: ['odp'], mime: 'application/vnd.oasis.opendocument.presentation', test: ZIP },
  { exts: ['zip'], mime: 'application/zip', test: ZIP },
  { exts: ['doc'], mime: 'application/msword', test: OLE },
  { exts: ['xls'], mime: 'application/vnd.ms-excel', test: OLE },
  { exts: ['ppt'], mime: 'application/vnd.ms-powerpoint', test: OLE },
  { exts: ['mp3'], mime: 'audio/mpeg', test: (b) => at(b, 0, ascii('ID3')) || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0) },
  { exts: ['m4a'], mime: 'audio/mp4', test: FTYP },
  { exts: ['mp4'], mime: 'video/mp4', test: FTYP },
  { exts: ['txt'], mime: 'text/plain; charset=utf-8', test: (b) => b.length > 0 && plainText(b) },
];

/** Text a student types in a plain editor: no NUL or other binary control bytes. */
function plainText(b: Uint8Array): boolean {
  for (const x of b) if (x === 0 || (x < 0x09) || (x > 0x0d && x < 0x20 && x !== 0x1b)) return false;
  return true;
}

export function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  return m ? m[1]!.toLowerCase() : '';
}

/** The extensions offered to the file picker. */
export const ALLOWED_EXTENSIONS: readonly string[] = KINDS.flatMap((k) => k.exts);

/**
 * The MIME type of an upload whose extension is allowed and whose first bytes match it, or null.
 * `head` is the first SNIFF_BYTES bytes (fewer for a short file).
 */
export function recogniseFile(fileName: string, head: Uint8Array): string | null {
  const ext = extensionOf(fileName);
  const kind = KINDS.find((k) => k.exts.includes(ext));
  return kind && kind.test(head) ? kind.mime : null;
}

/** Images and PDFs open in the browser; everything else downloads. */
export const previewable = (mime: string) => mime === 'application/pdf' || (mime.startsWith('image/') && mime !== 'image/heic');

/**
 * A file or folder name safe on Windows, macOS and Linux that keeps Vietnamese letters: no path
 * separators, reserved characters or control characters, no leading dots, at most 100 characters.
 */
export function safeFileName(name: string, fallback = 'tep'): string {
  const cleaned = name.normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[. ]+/, '')
    .replace(/[. ]+$/, '');
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(cleaned);
  const out = reserved || !cleaned ? fallback : cleaned;
  if (out.length <= 100) return out;
  const ext = extensionOf(out);
  return ext ? `${out.slice(0, 99 - ext.length)}.${ext}` : out.slice(0, 100);
}
