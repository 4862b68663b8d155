/**
 * balena builds a release from one folder that has `docker-compose.yml` (and `balena.yml`) at its
 * root and every build context inside it. This repository keeps them in `provisioning/` with
 * contexts pointing at the repository root (`context: ..`), which `docker compose -f
 * provisioning/docker-compose.yml` understands but `balena push` does not. `stageRelease` copies
 * what the images need into a folder shaped the way balena wants, with the contexts rewritten.
 */
import fs from 'node:fs';
import path from 'node:path';

/** What the Dockerfiles copy from the repository root (nothing else goes to the builder). */
export const STAGE_ENTRIES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'server', 'media', 'ui', 'scripts', 'appliance', 'provisioning'];
const SKIP_DIRS = new Set(['node_modules', 'dist', '.tap', 'coverage', 'data', '.git']);

/** The compose file as balena needs it at the staged root: `context: ..` becomes `context: .`. */
export function rewriteComposeForStage(compose: string): string {
  return compose.replace(/^([ \t]*context:[ \t]*)(['"]?)\.\.\2[ \t]*$/gm, '$1.');
}

/** Dockerfile paths named in a compose file (`dockerfile: …` lines). */
export function composeDockerfiles(compose: string): string[] {
  return [...compose.matchAll(/^\s*dockerfile:\s*['"]?([^'"\s#]+)['"]?\s*$/gm)].map((m) => m[1]!);
}

export function stageRelease(repoRoot: string, stageDir: string): { compose: string; entries: string[] } {
  const root = path.resolve(repoRoot);
  const composeSrc = path.join(root, 'provisioning', 'docker-compose.yml');
  if (!fs.existsSync(composeSrc)) throw new Error(`${composeSrc} not found: run this from the Phonghoc repository (or give --source)`);
  fs.mkdirSync(stageDir, { recursive: true });
  const entries: string[] = [];
  for (const entry of STAGE_ENTRIES) {
    const src = path.join(root, entry);
    if (!fs.existsSync(src)) throw new Error(`${src} is missing: the images need it`);
    fs.cpSync(src, path.join(stageDir, entry), {
      recursive: true,
      filter: (p) => !SKIP_DIRS.has(path.basename(p)) && !p.endsWith('.log'),
    });
    entries.push(entry);
  }
  const compose = rewriteComposeForStage(fs.readFileSync(composeSrc, 'utf8'));
  fs.writeFileSync(path.join(stageDir, 'docker-compose.yml'), compose);
  fs.copyFileSync(path.join(root, 'provisioning', 'balena.yml'), path.join(stageDir, 'balena.yml'));
  for (const dockerfile of composeDockerfiles(compose)) {
    if (!fs.existsSync(path.join(stageDir, dockerfile))) throw new Error(`the compose file names ${dockerfile}, which is not in the staged release`);
  }
  return { compose, entries };
}
