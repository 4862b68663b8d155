import { DomainError } from '../shared/errors.js';
import type { InstalledLibrary, LibraryRef, LibraryVersion, PackagePlan, ZipEntryInfo } from './h5p.types.js';

/**
 * Validation of an uploaded .h5p package (Art. 9.3; Art. 10.2: the box refuses unsafe files),
 * done on the zip's central directory and its small JSON files BEFORE anything is written:
 * paths, symlinks, number of entries, zip-bomb ratio, file types (H5P's allowlists), h5p.json,
 * every library.json, dependencies and library versions.
 */
export const H5P_LIMITS = {
  /** Largest .h5p accepted (the upload itself). */
  packageBytes: 100 * 1024 * 1024,
  /** Largest total once unpacked. */
  unpackedBytes: 400 * 1024 * 1024,
  entries: 5000,
  /** Compression ratio above which an entry (or the whole package) is treated as a zip bomb. */
  ratio: 100,
  /** Entries smaller than this are not judged by their ratio (tiny JSON compresses very well). */
  ratioFloorBytes: 1024 * 1024,
  /** Largest metadata file (h5p.json, library.json) read in memory. */
  metadataBytes: 1024 * 1024,
  /** Largest content.json. */
  contentJsonBytes: 8 * 1024 * 1024,
  /** Largest core API the bundled player (h5p-standalone 3.8) understands. */
  coreApi: { major: 1, minor: 27 },
} as const;

const MACHINE_NAME = /^[A-Za-z][\w.-]{0,254}$/;
const FOLDER = /^([A-Za-z][\w.-]*?)-(\d+)\.(\d+)$/;

export const uberName = (l: LibraryRef): string => `${l.machineName} ${l.majorVersion}.${l.minorVersion}`;
export const folderName = (l: LibraryRef): string => `${l.machineName}-${l.majorVersion}.${l.minorVersion}`;

/** Entries the packer's operating system adds (macOS resource forks, hidden files): never extracted. */
export function isIgnoredEntry(path: string): boolean {
  return path.split('/').some((seg) => seg.startsWith('.') && seg !== '.' && seg !== '..') || path.startsWith('__MACOSX/');
}

/** Refuses unsafe paths, symlinks, too many entries and zip bombs. Pure: works on the directory only. */
export function checkEntries(entries: ZipEntryInfo[], limits = H5P_LIMITS): void {
  if (entries.length > limits.entries) throw new DomainError('H5P_TOO_MANY_FILES', { count: entries.length, limit: limits.entries });
  let total = 0;
  let compressed = 0;
  for (const e of entries) {
    const p = e.path;
    if (!p || p.includes('\0') || p.includes('\\') || p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.split('/').some((seg) => seg === '..')) {
      throw new DomainError('H5P_UNSAFE_PATH', { path: p.slice(0, 200) });
    }
    if (e.isSymlink) throw new DomainError('H5P_UNSAFE_PATH', { path: p.slice(0, 200), reason: 'symlink' });
    if (e.isDirectory) continue;
    total += e.uncompressedSize;
    compressed += e.compressedSize;
    if (e.uncompressedSize >= limits.ratioFloorBytes && e.uncompressedSize > limits.ratio * Math.max(1, e.compressedSize)) {
      throw new DomainError('H5P_ZIP_BOMB', { path: p.slice(0, 200), ratio: Math.round(e.uncompressedSize / Math.max(1, e.compressedSize)) });
    }
  }
  if (total > limits.unpackedBytes) throw new DomainError('H5P_ZIP_BOMB', { unpackedBytes: total, limit: limits.unpackedBytes });
  if (total >= limits.ratioFloorBytes && total > limits.ratio * Math.max(1, compressed)) {
    throw new DomainError('H5P_ZIP_BOMB', { ratio: Math.round(total / Math.max(1, compressed)) });
  }
}

const extension = (p: string): string => {
  const name = p.split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

/** Every file must have a type on H5P's allowlists: content files the content list, library files both. */
export function checkFileTypes(entries: ZipEntryInfo[], allow: { content: string[]; library: string[] }): void {
  const content = new Set(allow.content.map((x) => x.toLowerCase()));
  const library = new Set([...allow.content, ...allow.library].map((x) => x.toLowerCase()));
  const refused: string[] = [];
  for (const e of entries) {
    if (e.isDirectory || isIgnoredEntry(e.path)) continue;
    if (e.path === 'h5p.json') continue;
    const ext = extension(e.path);
    const ok = e.path.startsWith('content/') ? content.has(ext) : e.path.includes('/') ? library.has(ext) : false;
    if (!ok) refused.push(e.path);
  }
  if (refused.length) throw new DomainError('H5P_FILE_TYPE_NOT_ALLOWED', { files: refused.slice(0, 20), count: refused.length });
}

type Json = Record<string, unknown>;

export function parseJson(text: string | undefined, file: string): Json {
  if (text === undefined) throw new DomainError('H5P_INVALID_METADATA', { file, reason: 'missing' });
  let v: unknown;
  try {
    v = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new DomainError('H5P_INVALID_METADATA', { file, reason: 'not JSON' });
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new DomainError('H5P_INVALID_METADATA', { file, reason: 'not an object' });
  return v as Json;
}

const isVersion = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 100000;

function refs(v: unknown, file: string, field: string): LibraryRef[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new DomainError('H5P_INVALID_METADATA', { file, field });
  return v.map((d: unknown) => {
    const r = d as Json;
    if (!r || typeof r.machineName !== 'string' || !MACHINE_NAME.test(r.machineName) || !isVersion(r.majorVersion) || !isVersion(r.minorVersion)) {
      throw new DomainError('H5P_INVALID_METADATA', { file, field });
    }
    return { machineName: r.machineName, majorVersion: r.majorVersion, minorVersion: r.minorVersion };
  });
}

/** The validated h5p.json. */
export interface H5pJson {
  title: string;
  language: string;
  mainLibrary: string;
  preloadedDependencies: LibraryRef[];
}

export function checkH5pJson(raw: Json): H5pJson {
  const file = 'h5p.json';
  const title = typeof raw.title === 'string' ? raw.title.trim() : '';
  if (!title || title.length > 255) throw new DomainError('H5P_INVALID_METADATA', { file, field: 'title' });
  if (typeof raw.mainLibrary !== 'string' || !MACHINE_NAME.test(raw.mainLibrary)) throw new DomainError('H5P_INVALID_METADATA', { file, field: 'mainLibrary' });
  const deps = refs(raw.preloadedDependencies, file, 'preloadedDependencies');
  if (!deps.some((d) => d.machineName === raw.mainLibrary)) throw new DomainError('H5P_INVALID_METADATA', { file, field: 'preloadedDependencies', reason: 'mainLibrary not listed' });
  const language = typeof raw.language === 'string' && /^[a-zA-Z-]{1,10}$/.test(raw.language) ? raw.language : 'und';
  return { title, language, mainLibrary: raw.mainLibrary, preloadedDependencies: deps };
}

/** The validated library.json of a package folder. */
export interface LibraryJson extends LibraryVersion {
  title: string;
  runnable: boolean;
  dependencies: LibraryRef[];
  files: string[];
}

export function checkLibraryJson(folder: string, raw: Json, coreApi = H5P_LIMITS.coreApi): LibraryJson {
  const file = `${folder}/library.json`;
  const m = FOLDER.exec(folder);
  if (typeof raw.machineName !== 'string' || !MACHINE_NAME.test(raw.machineName)) throw new DomainError('H5P_INVALID_METADATA', { file, field: 'machineName' });
  for (const f of ['majorVersion', 'minorVersion', 'patchVersion'] as const) {
    if (!isVersion(raw[f])) throw new DomainError('H5P_INVALID_METADATA', { file, field: f });
  }
  const lib = { machineName: raw.machineName, majorVersion: raw.majorVersion as number, minorVersion: raw.minorVersion as number, patchVersion: raw.patchVersion as number };
  // The folder name must say the same library (H5P's own validator insists on it).
  if (!m || m[1] !== lib.machineName || Number(m[2]) !== lib.majorVersion || Number(m[3]) !== lib.minorVersion) {
    throw new DomainError('H5P_INVALID_METADATA', { file, field: 'folder', expected: folderName(lib) });
  }
  const title = typeof raw.title === 'string' && raw.title.trim() ? raw.title.trim().slice(0, 255) : lib.machineName;
  const api = raw.coreApi as Json | undefined;
  if (api && isVersion(api.majorVersion) && isVersion(api.minorVersion ?? 0)) {
    const major = api.majorVersion as number;
    const minor = (api.minorVersion ?? 0) as number;
    if (major > coreApi.major || (major === coreApi.major && minor > coreApi.minor)) {
      throw new DomainError('H5P_CORE_TOO_OLD', { library: uberName(lib), needs: `${major}.${minor}`, has: `${coreApi.major}.${coreApi.minor}` });
    }
  }
  const files: string[] = [];
  for (const key of ['preloadedJs', 'preloadedCss'] as const) {
    const list = raw[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new DomainError('H5P_INVALID_METADATA', { file, field: key });
    for (const item of list) {
      const p = (item as Json)?.path;
      if (typeof p !== 'string' || !p || p.startsWith('/') || p.split('/').includes('..')) throw new DomainError('H5P_INVALID_METADATA', { file, field: key });
      files.push(p);
    }
  }
  return {
    ...lib, title, runnable: raw.runnable === 1 || raw.runnable === true, files,
    dependencies: [...refs(raw.preloadedDependencies, file, 'preloadedDependencies'), ...refs(raw.dynamicDependencies, file, 'dynamicDependencies')],
  };
}

/** The library folders of a package: top-level folders other than `content/`. */
export function libraryFolders(entries: ZipEntryInfo[]): string[] {
  const folders = new Set<string>();
  for (const e of entries) {
    if (isIgnoredEntry(e.path)) continue;
    const i = e.path.indexOf('/');
    if (i <= 0) continue;
    const top = e.path.slice(0, i);
    if (top !== 'content') folders.add(top);
  }
  return [...folders].sort();
}

/**
 * Decides what to install: every library the content needs must be in the package or already
 * installed (same major.minor); a package library older (patch) than the installed one is a
 * downgrade and is refused; a newer patch is an upgrade; the same version is kept as it is.
 */
export function planPackage(
  h5p: H5pJson,
  libraries: LibraryJson[],
  installed: Pick<InstalledLibrary, 'id' | 'machineName' | 'majorVersion' | 'minorVersion' | 'patchVersion'>[],
  entries: ZipEntryInfo[],
): PackagePlan {
  const key = (l: LibraryRef) => uberName(l);
  const inPackage = new Map(libraries.map((l) => [key(l), l]));
  const installedBy = new Map(installed.map((l) => [key(l), l]));

  // Dependencies, transitively through the package's own libraries (installed ones were checked when installed).
  const needed = new Set<string>();
  const missing: string[] = [];
  const visit = (r: LibraryRef) => {
    const k = key(r);
    if (needed.has(k)) return;
    needed.add(k);
    const lib = inPackage.get(k);
    if (lib) lib.dependencies.forEach(visit);
    else if (!installedBy.has(k)) missing.push(k);
  };
  h5p.preloadedDependencies.forEach(visit);
  if (missing.length) throw new DomainError('H5P_MISSING_LIBRARY', { libraries: missing.sort() });
  const main = h5p.preloadedDependencies.find((d) => d.machineName === h5p.mainLibrary)!;

  const files = entries.filter((e) => !e.isDirectory && !isIgnoredEntry(e.path)).map((e) => e.path);
  const fileSet = new Set(files);
  const install: PackagePlan['install'] = [];
  const keep: string[] = [];
  const downgrades: { library: string; installed: string; package: string }[] = [];
  for (const lib of libraries) {
    const folder = folderName(lib);
    for (const f of lib.files) {
      if (!fileSet.has(`${folder}/${f}`)) throw new DomainError('H5P_INVALID_METADATA', { file: `${folder}/library.json`, missingFile: f });
    }
    const have = installedBy.get(key(lib));
    const v = (l: LibraryVersion) => `${l.majorVersion}.${l.minorVersion}.${l.patchVersion}`;
    if (!have) install.push({ ...pick(lib), folder, title: lib.title, runnable: lib.runnable, upgradeFrom: null });
    else if (lib.patchVersion > have.patchVersion) install.push({ ...pick(lib), folder, title: lib.title, runnable: lib.runnable, upgradeFrom: have.patchVersion });
    else if (lib.patchVersion < have.patchVersion) downgrades.push({ library: key(lib), installed: v(have), package: v(lib) });
    else keep.push(key(lib));
  }
  if (downgrades.length) throw new DomainError('H5P_LIBRARY_DOWNGRADE', { libraries: downgrades });

  const libraryFiles: Record<string, string[]> = {};
  for (const l of install) libraryFiles[l.folder] = files.filter((f) => f.startsWith(`${l.folder}/`));
  const contentFiles = files.filter((f) => f === 'h5p.json' || f.startsWith('content/'));
  const wanted = new Set([...contentFiles, ...Object.values(libraryFiles).flat()]);
  const totalBytes = entries.filter((e) => wanted.has(e.path)).reduce((s, e) => s + e.uncompressedSize, 0);
  return {
    title: h5p.title, language: h5p.language, mainLibrary: key(main), usedLibraries: [...needed].sort(),
    install, keep: keep.sort(), contentFiles, libraryFiles, totalBytes,
  };
}

const pick = (l: LibraryVersion): LibraryVersion => ({ machineName: l.machineName, majorVersion: l.majorVersion, minorVersion: l.minorVersion, patchVersion: l.patchVersion });

/** Files a package must have at its root. */
export function checkRequiredFiles(entries: ZipEntryInfo[]): void {
  const names = new Set(entries.map((e) => e.path));
  if (!names.has('h5p.json')) throw new DomainError('H5P_MISSING_H5P_JSON');
  if (!names.has('content/content.json')) throw new DomainError('H5P_INVALID_METADATA', { file: 'content/content.json', reason: 'missing' });
}
