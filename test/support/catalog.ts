import type { MessageCatalog, RuleViolation } from '../../src/common/rule-violation.js';

/** Every code of the catalog is raised by the rules, and each message's placeholders are the violation's params. */
export function expectCatalogMatches(catalog: MessageCatalog, violations: RuleViolation[]): void {
  expect(new Set(violations.map((violation) => violation.code))).toEqual(new Set(Object.keys(catalog)));
  for (const violation of violations) {
    const message = catalog[violation.code];
    const params = Object.keys(violation.params ?? {}).sort();
    for (const text of [message.id, message.en]) {
      expect(text.trim()).not.toBe('');
      expect([...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort()).toEqual(params);
    }
  }
  expect(Object.values(catalog).every((message) => message.id !== message.en)).toBe(true);
}
