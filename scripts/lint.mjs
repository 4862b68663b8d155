// The project's own lint: the architecture's directions of dependency (docs/architecture.md),
// checked on the import lines of every TypeScript file. Type errors are `npm run typecheck`.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const RULES = [
  { dir: 'server/src/domain', forbid: [/^fastify/, /^@fastify\//, /^knex/, /^better-sqlite3/, /^pg$/, /^mediasoup/, /\/http\//, /\/data\//, /\/db\//, /^lit/], why: 'the domain is pure TypeScript: no Fastify, knex, mediasoup or UI' },
  { dir: 'media/src', forbid: [/^fastify/, /^@fastify\//, /^knex/, /^better-sqlite3/, /^pg$/, /server\/src/], why: 'media/ knows nothing of HTTP or SQL' },
  { dir: 'ui/src', forbid: [/server\/src\/(?!contracts\/)/, /^fastify/, /^knex/], why: 'the UI talks HTTP and imports only contracts' },
  { dir: 'server/src/http', forbid: [/^knex/, /\/data\//], why: 'routes call services, never the database' },
];
const ANYWHERE = { forbid: [/(^|\/)tests\//], why: 'nothing imports tests/' };

function* files(dir) {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.ts$/.test(e.name)) yield p;
  }
}

export function lint() {
  const problems = [];
  const check = (file, rule) => {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      const resolved = spec.startsWith('.') ? path.relative(root, path.resolve(path.dirname(file), spec)) : spec;
      for (const re of rule.forbid) if (re.test(spec) || re.test(resolved)) problems.push(`${path.relative(root, file)}: imports ${spec} — ${rule.why}`);
    }
  };
  for (const rule of RULES) for (const f of files(path.join(root, rule.dir))) check(f, rule);
  for (const dir of ['server/src', 'media/src', 'ui/src', 'appliance/src', 'provisioning/src']) for (const f of files(path.join(root, dir))) check(f, ANYWHERE);
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = lint();
  for (const p of problems) console.error(p);
  console.log(problems.length ? `${problems.length} problem(s)` : 'lint: the directions of dependency hold');
  process.exit(problems.length ? 1 : 0);
}
