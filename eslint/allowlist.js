// Reads `eslint -f json` output on stdin and writes today's cross-module entity imports to
// entity-imports-allowed.json (see boundaries.js). Only ever run it to shrink the list.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const results = JSON.parse(readFileSync(0, 'utf8'));
const allowed = {};
for (const result of results) {
  const file = relative(process.cwd(), result.filePath);
  const source = readFileSync(result.filePath, 'utf8').split('\n');
  for (const message of result.messages) {
    if (message.ruleId !== 'no-restricted-imports' || !message.message.includes('entity or repository')) continue;
    const path = /'([^']+)'/.exec(
      source
        .slice(message.line - 1, message.endLine)
        .join('\n')
        .split('from')
        .pop(),
    )?.[1];
    if (path) (allowed[file] ??= []).push(path);
  }
}
const sorted = Object.fromEntries(Object.entries(allowed).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(new URL('./entity-imports-allowed.json', import.meta.url), `${JSON.stringify(sorted, null, 2)}\n`);
const pairs = Object.values(sorted).reduce((sum, paths) => sum + paths.length, 0);
console.log(`${Object.keys(sorted).length} files, ${pairs} imports allowed`);
