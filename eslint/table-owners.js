// Each table has one owner (docs/ARCHITECTURE.md): only the owning module's code writes it. This check reads the
// SQL in src/ (string and template literals) and fails on an INSERT, UPDATE or DELETE of a table whose owner, in
// table-owners.json, is another module. Reads across modules are the read models' business and are not checked here.
// The database module (migrations, demo data) is exempt: it creates what every module owns.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const owners = JSON.parse(readFileSync(new URL('./table-owners.json', import.meta.url), 'utf8'));
const WRITE = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_]+)\b/g;
const LITERAL = /`(?:\\[\s\S]|[^`\\])*`|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g;

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) yield path;
  }
}

const problems = [];
for (const file of sources('src')) {
  const [, module] = file.split('/');
  if (!module.endsWith('.ts') && module !== 'database') {
    const text = readFileSync(file, 'utf8');
    for (const literal of text.match(LITERAL) ?? []) {
      for (const [statement, table] of literal.matchAll(WRITE)) {
        const owner = owners[table];
        if (owner === undefined)
          problems.push(`${file}: ${statement}: table ${table} has no owner in table-owners.json`);
        else if (owner !== module) problems.push(`${file}: ${statement}: ${table} is the ${owner} module's to write`);
      }
    }
  }
}
if (problems.length > 0) {
  console.error(`Table ownership (eslint/table-owners.js, docs/ARCHITECTURE.md):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
