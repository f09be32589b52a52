import { fingerprint, keyedHash, withPersonalDataFingerprinted } from './audit-hash.js';

describe('audit hashes and fingerprints (R-28, R-30)', () => {
  const key = 'k'.repeat(40);

  it('R-28: a hash needs the key: another key gives another hash of the same event', () => {
    const event = { action: 'ledger.credited', after: { minutes: 240 } };
    expect(keyedHash(key, event)).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash(key, event)).toBe(keyedHash(key, { after: { minutes: 240 }, action: 'ledger.credited' }));
    expect(keyedHash('x'.repeat(40), event)).not.toBe(keyedHash(key, event));
  });

  it('R-28: an event hashes as it always did (a trail written before still verifies)', () => {
    const event = {
      id: '6f1c2a1e-8d1b-4c55-9a57-2b7f3c1d9e01',
      chain: 7,
      at: '2026-03-02T01:00:00.000Z',
      actorId: null,
      action: 'assignment.credited',
      entityType: 'assignment',
      entityId: '0b9e4d7a-3c2f-4e8b-a1d6-5f7e9c3b2a10',
      before: { status: 'checked_out' },
      after: {
        status: 'credited',
        creditedMinutes: 240,
        at: new Date('2026-03-02T01:00:00Z'),
        note: 'Surat "dokter"\n',
        tags: ['b', 'a'],
        gone: undefined,
      },
      prevHash: null,
    };
    expect(keyedHash(key, event)).toBe('8976c4c7634240a37743d039e727aeb46e51a11935288bb08ec60b948c99df5a');
  });

  it('R-30: NIK, religion, phone, address and home are kept as fingerprints that change when the value does', () => {
    const person = {
      fullName: 'Yohanis',
      nik: '8171012345670001',
      religion: 'protestant',
      phone: '+6281234567890',
      address: 'Jl. A',
      home: { lat: -3.7, lng: 128.2 },
      inSchool: false,
    };
    const kept = withPersonalDataFingerprinted(key, person) as Record<string, unknown>;
    expect(kept.fullName).toMatch(/^fp:/);
    expect(kept.inSchool).toBe(false);
    for (const field of ['nik', 'religion', 'phone', 'address', 'home'])
      expect(kept[field]).toMatch(/^fp:[0-9a-f]{24}$/);
    expect(JSON.stringify(kept)).not.toMatch(/8171012345670001|protestant|6281234567890|Jl\. A|128\.2/);
    expect(kept.nik).toBe(fingerprint(key, 'nik', '8171012345670001'));
    expect(fingerprint(key, 'nik', '8171012345670002')).not.toBe(kept.nik);
  });

  it('finds personal fields at any depth (the person inside an assignment)', () => {
    const kept = withPersonalDataFingerprinted(key, {
      id: 'a1',
      person: { id: 'p1', fullName: 'Yohanis' },
      items: [{ phone: '+62812' }],
    });
    expect(JSON.stringify(kept)).not.toMatch(/Yohanis|\+62812/);
    expect((kept as { person: { id: string } }).person.id).toBe('p1');
  });

  it('leaves null fields and non-objects as they are', () => {
    expect(withPersonalDataFingerprinted(key, { phone: null })).toEqual({ phone: null });
    expect(withPersonalDataFingerprinted(key, null)).toBeNull();
  });
});
