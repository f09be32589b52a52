import { inputViolation } from './input-guard.js';

describe('inputViolation', () => {
  it('refuses a "__proto__" member as an unknown field, at any depth (the DTO would take it as its prototype)', () => {
    expect(inputViolation(JSON.parse('{"__proto__":{"role":"admin"}}'))).toEqual({ field: '__proto__', code: 'validation.whitelistValidation' });
    expect(inputViolation(JSON.parse('{"home":{"__proto__":{}}}'))).toEqual({ field: 'home.__proto__', code: 'validation.whitelistValidation' });
  });

  it('lets an ordinary body through', () => {
    expect(inputViolation({ reason: 'sakit', home: { lat: -3.7, lng: 128.2 }, windows: [{ weekday: 1 }] })).toBeNull();
  });
});
