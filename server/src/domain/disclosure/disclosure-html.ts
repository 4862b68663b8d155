import { sanitizeLessonPage } from '../materials/lesson-page.js';

/** Longest text of one section, in characters of HTML. */
export const DISCLOSURE_MAX_CHARS = 200_000;

/**
 * What the principal writes goes through the lesson pages' allowlist (headings, paragraphs, lists,
 * emphasis, quotes, tables, absolute http/https links): scripts, styles, event handlers, frames,
 * forms and javascript: links are removed. With no material files, images and media are dropped;
 * the H5P placeholder has no meaning on the public page and goes too. Plain text (no tag) becomes
 * paragraphs.
 */
export function sanitizeDisclosure(input: string): string {
  const text = input.trim();
  if (!text) return '';
  if (!/<[a-z!/]/i.test(text)) {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return text.split(/\n{2,}/).map((p) => `<p>${esc(p.trim()).replace(/\n/g, '<br />')}</p>`).join('');
  }
  return sanitizeLessonPage(text, { materialId: 0, files: new Map() })
    .replace(/<ph-h5p-player[^>]*>\s*<\/ph-h5p-player>/g, '')
    .trim();
}

/** True when the sanitized HTML shows no text at all (e.g. only empty paragraphs). */
export function isBlankHtml(html: string): boolean {
  return !html.replace(/<[^>]*>/g, '').replace(/&nbsp;|&#160;/g, ' ').trim();
}
