/**
 * The H5P core and editor client files (h5p-php-library, h5p-editor-php-library) are not on npm.
 * The operator puts them in `provisioning/h5p-core/{core,editor}/` before building; the server
 * image copies that folder to /opt/phonghoc/h5p and runs this check at build time, which writes
 * `h5p-core.json` next to them. The server checks presence the same way at start (the player works
 * without them; the editor needs both).
 *
 *   node dist/provisioning/src/h5p-core.js <dir> [--require]
 */
import fs from 'node:fs';
import path from 'node:path';

export interface H5pCoreStatus {
  dir: string;
  core: boolean;
  editor: boolean;
  /** `major.minor` from h5p.classes.php's $coreApi, when readable. */
  coreApi: string | null;
  missing: string[];
}

/** Files whose presence marks a usable copy. */
export const CORE_MARKERS = ['core/js/h5p.js', 'core/styles/h5p.css'];
export const EDITOR_MARKERS = ['editor/scripts/h5peditor.js'];

export function checkH5pCore(dir: string): H5pCoreStatus {
  const missing = [...CORE_MARKERS, ...EDITOR_MARKERS].filter((m) => !fs.existsSync(path.join(dir, m)));
  let coreApi: string | null = null;
  try {
    const php = fs.readFileSync(path.join(dir, 'core', 'h5p.classes.php'), 'utf8');
    const m = /\$coreApi\s*=\s*array\(\s*'majorVersion'\s*=>\s*(\d+)\s*,\s*'minorVersion'\s*=>\s*(\d+)/.exec(php);
    if (m) coreApi = `${m[1]}.${m[2]}`;
  } catch {
    // not present or unreadable
  }
  return {
    dir,
    core: CORE_MARKERS.every((m) => !missing.includes(m)),
    editor: CORE_MARKERS.concat(EDITOR_MARKERS).every((m) => !missing.includes(m)),
    coreApi,
    missing,
  };
}

function main(argv: string[]): number {
  const dir = argv.find((a) => !a.startsWith('--'));
  if (!dir) {
    console.error('usage: h5p-core.js <dir> [--require]');
    return 2;
  }
  const status = checkH5pCore(dir);
  fs.writeFileSync(path.join(dir, 'h5p-core.json'), JSON.stringify({ ...status, checkedAt: new Date().toISOString() }, null, 2) + '\n');
  if (status.editor) {
    console.log(`H5P core${status.coreApi ? ` (API ${status.coreApi})` : ''} and editor installed in ${dir}`);
    return 0;
  }
  const msg = `H5P ${status.core ? 'editor' : 'core and editor'} files missing in ${dir} (${status.missing.join(', ')}): ` +
    'the player works, content cannot be edited on this box. See provisioning/h5p-core/README.md.';
  if (argv.includes('--require')) {
    console.error(`ERROR: ${msg}`);
    return 1;
  }
  console.warn(`WARNING: ${msg}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main(process.argv.slice(2)));
