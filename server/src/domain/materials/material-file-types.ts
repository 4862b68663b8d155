import { DomainError } from '../shared/errors.js';
import type { FileCategory } from './material.types.js';

/**
 * What a material's file may be (Art. 7.1: lectures on video and audio, PDF guides, pictures,
 * office documents). A file is accepted only when its first bytes (magic numbers) AND its
 * extension agree on one of these types; anything else is refused with UNSUPPORTED_FILE_TYPE.
 */
export interface FileType {
  ext: string;
  mime: string;
  category: FileCategory;
  /** Office documents are zip containers: OOXML (a `[Content_Types].xml` and a main folder) or ODF (a `mimetype` entry). */
  container?: { kind: 'ooxml'; mainFolder: string } | { kind: 'odf'; mimetype: string };
}

const MB = 1024 * 1024;

/** Default size limits per category; video is the largest (a recorded lecture). */
export const DEFAULT_SIZE_LIMITS: Record<FileCategory, number> = {
  video: 500 * MB,
  audio: 100 * MB,
  pdf: 50 * MB,
  image: 10 * MB,
  office: 50 * MB,
};

/** How many bytes of a file the check reads. */
export const HEAD_BYTES = 128;

const ascii = (head: Buffer, at: number, text: string) => head.length >= at + text.length && head.toString('latin1', at, at + text.length) === text;
const bytes = (head: Buffer, at: number, list: number[]) => head.length >= at + list.length && list.every((b, i) => head[at + i] === b);
const isZip = (h: Buffer) => bytes(h, 0, [0x50, 0x4b, 0x03, 0x04]);
const isMp4 = (h: Buffer) => ascii(h, 4, 'ftyp');

interface Rule extends FileType {
  magic: (head: Buffer) => boolean;
}

const odf = (ext: string, sub: string): Rule => {
  const mimetype = `application/vnd.oasis.opendocument.${sub}`;
  // ODF stores the `mimetype` entry first and uncompressed: its name at byte 30, its text right after.
  return { ext, mime: mimetype, category: 'office', container: { kind: 'odf', mimetype }, magic: (h) => isZip(h) && ascii(h, 30, 'mimetype') && ascii(h, 38, mimetype) };
};
const ooxml = (ext: string, mime: string, mainFolder: string): Rule => ({ ext, mime, category: 'office', container: { kind: 'ooxml', mainFolder }, magic: isZip });

const RULES: Rule[] = [
  { ext: 'pdf', mime: 'application/pdf', category: 'pdf', magic: (h) => ascii(h, 0, '%PDF-') },
  { ext: 'png', mime: 'image/png', category: 'image', magic: (h) => bytes(h, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { ext: 'jpg', mime: 'image/jpeg', category: 'image', magic: (h) => bytes(h, 0, [0xff, 0xd8, 0xff]) },
  { ext: 'jpeg', mime: 'image/jpeg', category: 'image', magic: (h) => bytes(h, 0, [0xff, 0xd8, 0xff]) },
  { ext: 'webp', mime: 'image/webp', category: 'image', magic: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WEBP') },
  { ext: 'webm', mime: 'video/webm', category: 'video', magic: (h) => bytes(h, 0, [0x1a, 0x45, 0xdf, 0xa3]) },
  { ext: 'mp4', mime: 'video/mp4', category: 'video', magic: isMp4 },
  { ext: 'm4v', mime: 'video/mp4', category: 'video', magic: isMp4 },
  { ext: 'ogv', mime: 'video/ogg', category: 'video', magic: (h) => ascii(h, 0, 'OggS') },
  { ext: 'mp3', mime: 'audio/mpeg', category: 'audio', magic: (h) => ascii(h, 0, 'ID3') || (h.length >= 2 && h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0) },
  { ext: 'm4a', mime: 'audio/mp4', category: 'audio', magic: isMp4 },
  { ext: 'ogg', mime: 'audio/ogg', category: 'audio', magic: (h) => ascii(h, 0, 'OggS') },
  { ext: 'oga', mime: 'audio/ogg', category: 'audio', magic: (h) => ascii(h, 0, 'OggS') },
  { ext: 'opus', mime: 'audio/ogg', category: 'audio', magic: (h) => ascii(h, 0, 'OggS') },
  { ext: 'wav', mime: 'audio/wav', category: 'audio', magic: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WAVE') },
  { ext: 'weba', mime: 'audio/webm', category: 'audio', magic: (h) => bytes(h, 0, [0x1a, 0x45, 0xdf, 0xa3]) },
  ooxml('docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'word/'),
  ooxml('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xl/'),
  ooxml('pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'ppt/'),
  odf('odt', 'text'),
  odf('ods', 'spreadsheet'),
  odf('odp', 'presentation'),
];

/** The accepted extensions (for the file picker's `accept`). */
export const ACCEPTED_EXTENSIONS: readonly string[] = RULES.map((r) => `.${r.ext}`);

export function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(fileName.trim());
  return m?.[1]?.toLowerCase() ?? '';
}

/** The file's type from its extension and first bytes together, or UNSUPPORTED_FILE_TYPE. */
export function classifyFile(fileName: string, head: Buffer): FileType {
  const ext = extensionOf(fileName);
  const rule = RULES.find((r) => r.ext === ext);
  if (!rule || !rule.magic(head)) {
    throw new DomainError('UNSUPPORTED_FILE_TYPE', { fileName, reason: rule ? 'content_does_not_match_extension' : 'extension', accepted: ACCEPTED_EXTENSIONS });
  }
  const { magic: _magic, ...type } = rule;
  return type;
}

/** An office container must hold what its format requires (a renamed zip of anything is refused). */
export function checkContainerEntries(type: FileType, fileName: string, entries: readonly string[]): void {
  const c = type.container;
  if (!c) return;
  const ok = c.kind === 'ooxml'
    ? entries.includes('[Content_Types].xml') && entries.some((e) => e.startsWith(c.mainFolder))
    : entries[0] === 'mimetype' && entries.includes('content.xml');
  if (!ok) throw new DomainError('UNSUPPORTED_FILE_TYPE', { fileName, reason: 'container_content' });
}

/** A file name safe to keep and show: no folders, no control characters, NFC, at most 200 characters. */
export function cleanFileName(fileName: string): string {
  const base = fileName.normalize('NFC').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
  if (clean.length <= 200) return clean || 'tep';
  const ext = extensionOf(clean);
  return `${clean.slice(0, 190)}${ext ? `.${ext}` : ''}`;
}
