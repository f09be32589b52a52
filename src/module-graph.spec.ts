import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MODULE_METADATA } from '@nestjs/common/constants.js';

/** Every Nest module class of src/, by its file. */
async function modules(): Promise<Map<object, string>> {
  const found = new Map<object, string>();
  const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.module.ts'));
  for (const file of files) {
    for (const value of Object.values(await import(`./${join(file).replace(/\.ts$/, '.js')}`))) {
      if (typeof value === 'function' && Reflect.hasMetadata(MODULE_METADATA.IMPORTS, value)) found.set(value, file);
    }
  }
  return found;
}

/** A module's imports, a `forwardRef` followed to its module (a dynamic module to its class). */
function importsOf(module: object): object[] {
  const imports: unknown[] = Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) ?? [];
  return imports
    .map((entry) =>
      entry && typeof entry === 'object' && 'forwardRef' in entry ? (entry.forwardRef as () => unknown)() : entry,
    )
    .map((entry) => (entry && typeof entry === 'object' && 'module' in entry ? entry.module : entry))
    .filter((entry): entry is object => typeof entry === 'function');
}

// DESIGN.md, Ownership: each module calls the owners it needs; a use case that needs two modules lives above them.
describe('the module graph', () => {
  it('has no cycle (no forwardRef between two modules)', async () => {
    const all = await modules();
    expect(all.size).toBeGreaterThan(20);
    const cycles: string[] = [];
    const state = new Map<object, 'open' | 'done'>();
    const visit = (module: object, path: object[]) => {
      if (state.get(module) === 'done') return;
      if (state.get(module) === 'open') {
        cycles.push([...path.slice(path.indexOf(module)), module].map((m) => all.get(m) ?? String(m)).join(' → '));
        return;
      }
      state.set(module, 'open');
      for (const imported of importsOf(module)) visit(imported, [...path, module]);
      state.set(module, 'done');
    };
    for (const module of all.keys()) visit(module, []);
    expect(cycles).toEqual([]);
  });
});
