// The module boundaries (docs/ARCHITECTURE.md), as `no-restricted-imports` patterns on relative import paths:
//
// 1. src/common and src/jobs are plumbing: they import no domain folder (only common, config, jobs and the
//    database module's transaction helper).
// 2. No module imports another module's `*.entity.js` or `*.repository.js`: it calls that module instead.
// 3. No module cycle: Nest's `forwardRef` is how a cycle between two modules gets past the injector, so it is not
//    imported; a use case that needs both modules of a would-be cycle lives in a module above them.
import { readdirSync } from 'node:fs';

const PLUMBING = ['common', 'config', 'jobs'];
/** The composition root (src/*.ts) and the entity registry TypeORM loads know every module by design. */
const EXEMPT = ['src/*.ts', 'src/database/entities.ts'];
const MAX_DEPTH = 4;

const modules = readdirSync('src', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const up = (depth) => `(\\.\\./){${depth}}`;

/** Imports that climb to src/ (exactly `depth` levels) and go down into another module's entity or repository. */
function entityPattern(module, depth) {
  return {
    regex: `^${up(depth)}(?!${escape(module)}/)[^/]+/(.+/)?[^/]+\\.(entity|repository)\\.js$`,
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

const NO_CYCLES = {
  name: '@nestjs/common',
  importNames: ['forwardRef'],
  message: 'A module cycle: move the use case that needs both modules into a module above them (docs/ARCHITECTURE.md).',
};

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
        ignores: EXEMPT,
        rules: { 'no-restricted-imports': ['error', { patterns, paths: [NO_CYCLES] }] },
      });
    }
  }
  return configs;
}
