// The module boundaries (docs/ARCHITECTURE.md), as `no-restricted-imports` patterns on relative import paths:
//
// 1. src/common and src/jobs are plumbing: they import no domain folder (only common, config, jobs and the
//    database module's transaction helper).
// 2. No module imports another module's `*.entity.js` or `*.repository.js`: it calls that module instead.
//    Today's violations are listed, import by import, in entity-imports-allowed.json (the table-ownership refactor
//    empties it). An import not on the list fails; an entry whose import is gone fails too, so the list shrinks.
//    Regenerate it (only to remove entries): ALLOW_ENTITY_IMPORTS=none npx eslint -f json src | node eslint/allowlist.js
import { readdirSync, readFileSync } from 'node:fs';

const PLUMBING = ['common', 'config', 'jobs'];
/** The composition root (src/*.ts) and the entity registry TypeORM loads know every module by design. */
const EXEMPT = ['src/*.ts', 'src/database/entities.ts'];
const MAX_DEPTH = 4;

const modules = readdirSync('src', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const up = (depth) => `(\\.\\./){${depth}}`;

const allowed =
  process.env.ALLOW_ENTITY_IMPORTS === 'none'
    ? {}
    : JSON.parse(readFileSync(new URL('./entity-imports-allowed.json', import.meta.url), 'utf8'));
for (const [file, imports] of Object.entries(allowed)) {
  const source = readFileSync(file, 'utf8');
  for (const path of imports) {
    if (!source.includes(`'${path}'`)) {
      throw new Error(`eslint/entity-imports-allowed.json: ${file} no longer imports ${path}; remove the entry`);
    }
  }
}

/** Imports that climb to src/ (exactly `depth` levels) and go down into another module's entity or repository. */
function entityPattern(module, depth, except = []) {
  const others = except.map((path) => `(?!${escape(path.slice(3 * depth))}$)`).join('');
  return {
    regex: `^${up(depth)}(?!${escape(module)}/)${others}[^/]+/(.+/)?[^/]+\\.(entity|repository)\\.js$`,
    message: "Another module's entity or repository: call that module (docs/ARCHITECTURE.md).",
  };
}

/** From plumbing, imports that climb to src/ and go down into anything but plumbing. */
function domainPattern(depth) {
  return {
    regex: `^${up(depth)}(?!(${PLUMBING.join('|')})/|database/transactions\\.js$)[^./]`,
    message: 'src/common and src/jobs are plumbing: they import no domain module (docs/ARCHITECTURE.md).',
  };
}

function filesAt(module, depth) {
  return `src/${module}/${'*/'.repeat(depth - 1)}*.ts`;
}

export function boundaries() {
  const configs = [];
  for (const module of modules) {
    for (let depth = 1; depth <= MAX_DEPTH; depth++) {
      const patterns = [entityPattern(module, depth)];
      if (PLUMBING.includes(module)) patterns.push(domainPattern(depth));
      configs.push({
        files: [filesAt(module, depth)],
        ignores: [...EXEMPT, ...Object.keys(allowed)],
        rules: { 'no-restricted-imports': ['error', { patterns }] },
      });
    }
  }
  for (const [file, imports] of Object.entries(allowed)) {
    const [, module, ...rest] = file.split('/');
    configs.push({
      files: [file],
      rules: { 'no-restricted-imports': ['error', { patterns: [entityPattern(module, rest.length, imports)] }] },
    });
  }
  return configs;
}
