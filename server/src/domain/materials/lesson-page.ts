import sanitizeHtml from 'sanitize-html';
import type { FileCategory } from './material.types.js';

/**
 * Teachers' lesson pages (Art. 9.3) are stored as HTML that passed this strict allowlist, so a
 * page can never run script in a student's browser:
 * - text: headings, paragraphs, lists, bold/italic/underline, quotes, tables;
 * - links: absolute http/https only, opened in a new tab without referrer;
 * - images, video and audio: only files uploaded to this same material
 *   (`/api/materials/<id>/files/<fileId>` of the right category), nothing from outside;
 * - embedded H5P: the `<ph-h5p-player content-id="N">` placeholder, a number and nothing else.
 * Everything else (script, style, event handlers, iframes, forms, inline styles, classes) is removed.
 */
export const PAGE_MAX_CHARS = 500_000;

export interface PageFiles {
  materialId: number;
  /** Uploaded files of this material: id → category. */
  files: ReadonlyMap<number, FileCategory>;
}

const FILE_URL = /^\/api\/materials\/(\d+)\/files\/(\d+)$/;

export function materialFileUrl(materialId: number, fileId: number): string {
  return `/api/materials/${materialId}/files/${fileId}`;
}

function ownFile(src: string | undefined, ctx: PageFiles, category: FileCategory): boolean {
  const m = FILE_URL.exec(src ?? '');
  if (!m) return false;
  return Number(m[1]) === ctx.materialId && ctx.files.get(Number(m[2])) === category;
}

export function sanitizeLessonPage(html: string, ctx: PageFiles): string {
  const media = (category: FileCategory, extra: Record<string, string>) => (tagName: string, attribs: sanitizeHtml.Attributes) => {
    const keep = ownFile(attribs.src, ctx, category);
    const out: sanitizeHtml.Attributes = keep ? { src: attribs.src ?? '', ...extra } : {};
    if (keep && attribs.alt) out.alt = attribs.alt;
    if (keep && category === 'image') {
      if (/^\d{1,4}$/.test(attribs.width ?? '')) out.width = attribs.width ?? '';
      if (/^\d{1,4}$/.test(attribs.height ?? '')) out.height = attribs.height ?? '';
    }
    return { tagName, attribs: out };
  };
  return sanitizeHtml(html, {
    allowedTags: [
      'h2', 'h3', 'h4', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'u', 'sub', 'sup', 'blockquote',
      'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'img', 'video', 'audio', 'ph-h5p-player',
    ],
    allowedAttributes: {
      a: ['href', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height'],
      video: ['src', 'controls', 'preload'],
      audio: ['src', 'controls', 'preload'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
      'ph-h5p-player': ['content-id'],
    },
    allowedSchemes: ['http', 'https'],
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      h1: 'h2',
      a: (tagName, attribs) => {
        const href = /^https?:\/\/[^\s"'<>]+$/i.test(attribs.href ?? '') ? attribs.href : undefined;
        const out: sanitizeHtml.Attributes = href ? { href, target: '_blank', rel: 'noopener noreferrer' } : {};
        return { tagName, attribs: out };
      },
      img: media('image', {}),
      video: media('video', { controls: '', preload: 'metadata' }),
      audio: media('audio', { controls: '', preload: 'metadata' }),
      'ph-h5p-player': (tagName, attribs) => {
        const id = attribs['content-id'] ?? '';
        const out: sanitizeHtml.Attributes = /^[1-9]\d{0,9}$/.test(id) ? { 'content-id': id } : {};
        return { tagName, attribs: out };
      },
      td: cellSpan,
      th: cellSpan,
    },
    // Media without an own file and players without a content id are dropped whole.
    exclusiveFilter: (frame) =>
      ((frame.tag === 'img' || frame.tag === 'video' || frame.tag === 'audio') && !frame.attribs.src) ||
      (frame.tag === 'ph-h5p-player' && !frame.attribs['content-id']),
  }).trim();
}

function cellSpan(tagName: string, attribs: sanitizeHtml.Attributes) {
  const out: sanitizeHtml.Attributes = {};
  for (const k of ['colspan', 'rowspan'] as const) if (/^[1-9]\d?$/.test(attribs[k] ?? '')) out[k] = attribs[k] ?? '';
  return { tagName, attribs: out };
}

/** Ids of this material's files a (sanitized) page shows: students may fetch exactly these. */
export function pageFileIds(html: string, materialId: number): number[] {
  const ids = new Set<number>();
  for (const m of html.matchAll(/\/api\/materials\/(\d+)\/files\/(\d+)/g)) if (Number(m[1]) === materialId) ids.add(Number(m[2]));
  return [...ids];
}

/** H5P content ids embedded in a page. */
export function pageH5pIds(html: string): number[] {
  return [...new Set([...html.matchAll(/<ph-h5p-player content-id="(\d+)"/g)].map((m) => Number(m[1])))];
}

/** Plain text of a page, for search. */
export function pageText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}
