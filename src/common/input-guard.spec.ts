import { inputViolation } from './input-guard.js';

describe('inputViolation', () => {
  it('refuses "__proto__", "constructor" and "prototype" members as unknown fields, at any depth (the transformer drops them unseen)', () => {
    expect(inputViolation(JSON.parse('{"__proto__":{"role":"admin"}}'))).toEqual({
      field: '__proto__',
      code: 'validation.whitelistValidation',
    });
    expect(inputViolation(JSON.parse('{"home":{"__proto__":{}}}'))).toEqual({
      field: 'home.__proto__',
      code: 'validation.whitelistValidation',
    });
    expect(inputViolation(JSON.parse('{"constructor":{"prototype":{"x":1}}}'))).toEqual({
      field: 'constructor',
      code: 'validation.whitelistValidation',
    });
  });

  it('lets an ordinary body through', () => {
    expect(inputViolation({ reason: 'sakit', home: { lat: -3.7, lng: 128.2 }, windows: [{ weekday: 1 }] })).toBeNull();
  });
});
