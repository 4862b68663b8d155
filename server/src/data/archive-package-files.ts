import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';

/** Reads an archive package (a .zip or its unpacked folder) into memory for `archive verify-export`. */
export async function readPackageFiles(location: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const stat = fs.statSync(location);
  if (stat.isDirectory()) {
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile()) files.set(path.relative(location, p).split(path.sep).join('/'), fs.readFileSync(p));
      }
    };
    walk(location);
    return files;
  }
  const zip = await JSZip.loadAsync(fs.readFileSync(location));
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    files.set(entry.name, await entry.async('uint8array'));
  }
  return files;
}
