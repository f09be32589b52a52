import { normalisePhone } from './phone.js';

describe('normalisePhone', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
  ])('normalises %s to %s', (given, expected) => {
    expect(normalisePhone(given)).toBe(expected);
  });

  it('refuses a number that is not Indonesian', () => {
    expect(() => normalisePhone('+3161234567')).toThrow('Not an Indonesian phone number');
  });
});
