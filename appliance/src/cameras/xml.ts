/**
 * A small, strict XML reader and the escaping used to write SOAP messages.
 *
 * ONVIF and WS-Discovery messages are small and well known, so this reads only what they use:
 * elements, attributes, namespaces, text, CDATA, comments and processing instructions. A
 * DOCTYPE is refused (no entity expansion, no external fetches), as are unknown entities and
 * mismatched tags. Elements are matched by namespace URI and local name, never by prefix,
 * because every camera vendor picks its own prefixes.
 */

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

export interface XmlElement {
  /** The name as written, with its prefix (`tt:PanTilt`). */
  readonly qname: string;
  readonly local: string;
  /** Namespace URI, or '' when the element is in no namespace. */
  readonly ns: string;
  /** Attributes by their name as written (`x`, `xmlns:tt`, `wsu:Id`), values unescaped. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** The element's own text (CDATA included), unescaped, not trimmed. */
  readonly text: string;
  /** Prefix → namespace URI in scope at this element ('' is the default namespace). */
  readonly namespaces: ReadonlyMap<string, string>;
}

const MAX_DEPTH = 64;

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replaces the five named entities and numeric character references; anything else is an error. */
export function unescapeXml(text: string): string {
  return text.replace(/&([^;&\s]{0,10});|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new XmlError('a bare "&" in text');
    const named = NAMED_ENTITIES[ref];
    if (named !== undefined) return named;
    const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
    if (m === null) throw new XmlError(`unknown entity ${whole}`);
    const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2] ?? '', 10);
    if (!isXmlChar(code)) throw new XmlError(`character reference ${whole} is not an XML character`);
    return String.fromCodePoint(code);
  });
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 || code === 0xa || code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * Escapes text for element content and attribute values alike. Characters XML 1.0 cannot carry
 * (control characters, lone surrogates) are dropped, since no escape can represent them.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

interface Building {
  qname: string;
  attributes: Map<string, string>;
  namespaces: Map<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses a whole document and returns its root element. */
export function parseXml(input: string): XmlElement {
  const src = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const stack: Building[] = [];
  let root: XmlElement | undefined;
  let i = 0;

  const appendText = (text: string): void => {
    const top = stack[stack.length - 1];
    if (top !== undefined) top.text += text;
    else if (text.trim() !== '') throw new XmlError('text outside the root element');
  };

  while (i < src.length) {
    const lt = src.indexOf('<', i);
    if (lt < 0) {
      appendText(unescapeXml(src.slice(i)));
      break;
    }
    if (lt > i) appendText(unescapeXml(src.slice(i, lt)));
    if (src.startsWith('<!--', lt)) {
      i = endOf(src, '-->', lt + 4, 'comment');
    } else if (src.startsWith('<![CDATA[', lt)) {
      const end = src.indexOf(']]>', lt + 9);
      if (end < 0) throw new XmlError('unterminated CDATA section');
      if (stack.length === 0) throw new XmlError('CDATA outside the root element');
      appendText(src.slice(lt + 9, end));
      i = end + 3;
    } else if (src.startsWith('<?', lt)) {
      i = endOf(src, '?>', lt + 2, 'processing instruction');
    } else if (src.startsWith('<!', lt)) {
      throw new XmlError('DOCTYPE and other declarations are not accepted');
    } else if (src.startsWith('</', lt)) {
      const gt = src.indexOf('>', lt);
      if (gt < 0) throw new XmlError('unterminated end tag');
      const name = src.slice(lt + 2, gt).trim();
      const open = stack.pop();
      if (open === undefined || open.qname !== name) throw new XmlError(`unexpected end tag </${name}>`);
      const done = finish(open);
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.children.push(done);
      else root = done;
      i = gt + 1;
    } else {
      if (root !== undefined) throw new XmlError('more than one root element');
      const tag = readStartTag(src, lt);
      const parentNs = stack[stack.length - 1]?.namespaces ?? new Map<string, string>();
      const namespaces = new Map(parentNs);
      for (const [name, value] of tag.attributes) {
        if (name === 'xmlns') namespaces.set('', value);
        else if (name.startsWith('xmlns:')) namespaces.set(name.slice(6), value);
      }
      const building: Building = { qname: tag.name, attributes: tag.attributes, namespaces, children: [], text: '' };
      if (tag.selfClosing) {
        const done = finish(building);
        const parent = stack[stack.length - 1];
        if (parent !== undefined) parent.children.push(done);
        else root = done;
      } else {
        if (stack.length >= MAX_DEPTH) throw new XmlError('elements nested too deeply');
        stack.push(building);
      }
      i = tag.end;
    }
  }
  if (stack.length > 0) throw new XmlError(`unclosed element <${stack[stack.length - 1]?.qname ?? ''}>`);
  if (root === undefined) throw new XmlError('no root element');
  return root;
}

function endOf(src: string, terminator: string, from: number, what: string): number {
  const end = src.indexOf(terminator, from);
  if (end < 0) throw new XmlError(`unterminated ${what}`);
  return end + terminator.length;
}

const NAME = /[^\s/>=<"']+/y;
const SPACE = /\s*/y;

function readStartTag(src: string, lt: number): { name: string; attributes: Map<string, string>; selfClosing: boolean; end: number } {
  NAME.lastIndex = lt + 1;
  const nameMatch = NAME.exec(src);
  if (nameMatch === null) throw new XmlError(`bad tag at offset ${lt}`);
  const attributes = new Map<string, string>();
  let i = NAME.lastIndex;
  for (;;) {
    SPACE.lastIndex = i;
    SPACE.exec(src);
    const hadSpace = SPACE.lastIndex > i;
    i = SPACE.lastIndex;
    if (src.startsWith('/>', i)) return { name: nameMatch[0], attributes, selfClosing: true, end: i + 2 };
    if (src[i] === '>') return { name: nameMatch[0], attributes, selfClosing: false, end: i + 1 };
    if (i >= src.length) throw new XmlError(`unterminated tag <${nameMatch[0]}>`);
    if (!hadSpace) throw new XmlError(`missing space before attribute in <${nameMatch[0]}>`);
    NAME.lastIndex = i;
    const attr = NAME.exec(src);
    if (attr === null) throw new XmlError(`bad attribute in <${nameMatch[0]}>`);
    SPACE.lastIndex = NAME.lastIndex;
    SPACE.exec(src);
    i = SPACE.lastIndex;
    if (src[i] !== '=') throw new XmlError(`attribute ${attr[0]} has no value`);
    SPACE.lastIndex = i + 1;
    SPACE.exec(src);
    i = SPACE.lastIndex;
    const quote = src[i];
    if (quote !== '"' && quote !== "'") throw new XmlError(`attribute ${attr[0]} is not quoted`);
    const close = src.indexOf(quote, i + 1);
    if (close < 0) throw new XmlError(`unterminated value of ${attr[0]}`);
    const raw = src.slice(i + 1, close);
    if (raw.includes('<')) throw new XmlError(`"<" in the value of ${attr[0]}`);
    if (attributes.has(attr[0])) throw new XmlError(`attribute ${attr[0]} given twice`);
    attributes.set(attr[0], unescapeXml(raw));
    i = close + 1;
  }
}

function finish(b: Building): XmlElement {
  const colon = b.qname.indexOf(':');
  const prefix = colon < 0 ? '' : b.qname.slice(0, colon);
  const ns = b.namespaces.get(prefix);
  if (ns === undefined && prefix !== '') throw new XmlError(`undeclared prefix "${prefix}" on <${b.qname}>`);
  return {
    qname: b.qname,
    local: colon < 0 ? b.qname : b.qname.slice(colon + 1),
    ns: ns ?? '',
    attributes: b.attributes,
    children: b.children,
    text: b.text,
    namespaces: b.namespaces,
  };
}

// ---- reading helpers -------------------------------------------------------------------------

function matches(el: XmlElement, local: string, ns: string | undefined): boolean {
  return el.local === local && (ns === undefined || el.ns === ns);
}

/** The first direct child with this local name (and namespace, when given). */
export function child(el: XmlElement | undefined, local: string, ns?: string): XmlElement | undefined {
  return el?.children.find((c) => matches(c, local, ns));
}

/** All direct children with this local name (and namespace, when given). */
export function children(el: XmlElement | undefined, local: string, ns?: string): XmlElement[] {
  return el === undefined ? [] : el.children.filter((c) => matches(c, local, ns));
}

/** The first element at any depth below `el` with this local name (document order). */
export function descendant(el: XmlElement | undefined, local: string, ns?: string): XmlElement | undefined {
  if (el === undefined) return undefined;
  for (const c of el.children) {
    if (matches(c, local, ns)) return c;
    const deeper = descendant(c, local, ns);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}

/** Follows a path of local names through direct children: `path(env, 'Body', 'GetProfilesResponse')`. */
export function path(el: XmlElement | undefined, ...locals: string[]): XmlElement | undefined {
  let at = el;
  for (const l of locals) at = child(at, l);
  return at;
}

/** The trimmed text of an element (all its text, CDATA included), or undefined when absent. */
export function textOf(el: XmlElement | undefined): string | undefined {
  return el === undefined ? undefined : el.text.trim();
}

/** An attribute by local name, whatever its prefix (ONVIF's `x`, `token`, `wsu:Id`). */
export function attr(el: XmlElement | undefined, local: string): string | undefined {
  if (el === undefined) return undefined;
  const direct = el.attributes.get(local);
  if (direct !== undefined) return direct;
  for (const [name, value] of el.attributes) if (name.endsWith(`:${local}`) && !name.startsWith('xmlns')) return value;
  return undefined;
}

/**
 * Resolves a QName written in text (`dn:NetworkVideoTransmitter` in WS-Discovery Types) with the
 * namespaces in scope at `el`. An unknown prefix gives ns undefined, so callers can fall back
 * to matching the local name only.
 */
export function resolveQName(el: XmlElement, qname: string): { ns: string | undefined; local: string } {
  const colon = qname.indexOf(':');
  if (colon < 0) return { ns: el.namespaces.get(''), local: qname };
  return { ns: el.namespaces.get(qname.slice(0, colon)), local: qname.slice(colon + 1) };
}
