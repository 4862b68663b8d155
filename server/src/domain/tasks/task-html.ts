import sanitizeHtml from 'sanitize-html';

/**
 * A task's instructions are plain text or simple HTML (paragraphs, emphasis, lists, links,
 * headings, tables). Everything else — scripts, styles, event handlers, frames, images from
 * elsewhere — is dropped, so a teacher's text can never run code in a student's browser.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'sub', 'sup', 'ul', 'ol', 'li', 'h3', 'h4', 'blockquote', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'pre', 'hr'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
  disallowedTagsMode: 'discard',
};

/** Plain text (no tag) becomes paragraphs; HTML is sanitized. */
export function cleanInstructions(input: string): string {
  const text = input.trim();
  if (!text) return '';
  if (!/<[a-z!/]/i.test(text)) {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return text.split(/\n{2,}/).map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`).join('');
  }
  return sanitizeHtml(text, { ...OPTIONS, allowedAttributes: { a: ['href', 'rel', 'target'] } });
}
