import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';

/**
 * The project's own small H5P content type, H5P.PhonghocQuickCheck 1.0 (server/assets/h5p/), and a
 * builder that packs a real .h5p (zip) with it: used by the tests and by the demo school.
 */
export const QUICK_CHECK = { machineName: 'H5P.PhonghocQuickCheck', majorVersion: 1, minorVersion: 0, folder: 'H5P.PhonghocQuickCheck-1.0' } as const;

export interface QuickCheckContent {
  title: string;
  question: string;
  options: { text: string; correct: boolean }[];
  language?: string;
}

/** The folder with the content type's files (source tree, or next to dist/ in the image). */
export function quickCheckAssetsDir(): string | undefined {
  let dir = path.dirname(new URL(import.meta.url).pathname);
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'server', 'assets', 'h5p', QUICK_CHECK.folder);
    if (fs.existsSync(path.join(candidate, 'library.json'))) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}

export interface PackOptions {
  /** Overrides library.json's patchVersion (tests of upgrades and downgrades). */
  patchVersion?: number;
  /** Leave the library out (the package then relies on an installed one). */
  withoutLibrary?: boolean;
  /** Lets a test add or change entries before the zip is written. */
  tweak?: (zip: JSZip) => void;
}

/** Packs a .h5p with one QuickCheck content and, unless told otherwise, the library itself. */
export async function buildQuickCheckPackage(content: QuickCheckContent, opts: PackOptions = {}): Promise<Buffer> {
  const assets = quickCheckAssetsDir();
  if (!assets) throw new Error('server/assets/h5p/H5P.PhonghocQuickCheck-1.0 not found');
  const zip = new JSZip();
  zip.file('h5p.json', JSON.stringify({
    title: content.title,
    language: content.language ?? 'vi',
    mainLibrary: QUICK_CHECK.machineName,
    embedTypes: ['iframe'],
    license: 'U',
    preloadedDependencies: [{ machineName: QUICK_CHECK.machineName, majorVersion: QUICK_CHECK.majorVersion, minorVersion: QUICK_CHECK.minorVersion }],
  }, null, 2));
  zip.file('content/content.json', JSON.stringify({ question: content.question, options: content.options }, null, 2));
  if (!opts.withoutLibrary) {
    for (const name of fs.readdirSync(assets).sort()) {
      let data: Buffer | string = fs.readFileSync(path.join(assets, name));
      if (name === 'library.json' && opts.patchVersion !== undefined) {
        data = JSON.stringify({ ...JSON.parse(data.toString('utf8')), patchVersion: opts.patchVersion }, null, 2);
      }
      zip.file(`${QUICK_CHECK.folder}/${name}`, data);
    }
  }
  opts.tweak?.(zip);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}

/** The demo school's sample questions (grade 6 mathematics and Vietnamese). */
export const DEMO_QUICK_CHECKS: QuickCheckContent[] = [
  {
    title: 'Toán 6 – Số nguyên tố',
    question: 'Số nào sau đây là số nguyên tố?',
    options: [{ text: '21', correct: false }, { text: '27', correct: false }, { text: '29', correct: true }, { text: '33', correct: false }],
  },
  {
    title: 'Ngữ văn 6 – Từ láy',
    question: 'Từ nào dưới đây là từ láy?',
    options: [{ text: 'xinh xắn', correct: true }, { text: 'học sinh', correct: false }, { text: 'bàn ghế', correct: false }],
  },
];
