import type { Role } from '../common/auth/role.js';
import {
  conflictOfInterest,
  mayAskReportOf,
  mayCallRoll,
  mayProsecute,
  maySeeAssignment,
  maySeeShifts,
  maySeeSite,
  maySeeSupervisorsWords,
  maySeeTrail,
  maySupervise,
  mayScheduleAt,
  mayUseSite,
  ofOwnBapas,
  orderInScope,
  oversees,
} from './access.rules.js';

const as = (role: Role, agencyId: string) => ({ id: `${role}-${agencyId}`, role, agencyId });
const order = { bapasId: 'bapas', kejaksaanId: 'kejari' };
const nothing = { party: false, coordinates: false };
const party = { party: true, coordinates: false };
const coordinated = { party: false, coordinates: true };

describe('access rules', () => {
  it("R-26: an order is in the scope of its Bapas's supervisors and its Kejari's prosecutors, by role and agency", () => {
    expect(orderInScope(as('supervisor', 'bapas'), order)).toBe(true);
    expect(orderInScope(as('prosecutor', 'kejari'), order)).toBe(true);
    expect(orderInScope(as('supervisor', 'other-bapas'), order)).toBe(false);
    expect(orderInScope(as('prosecutor', 'other-kejari'), order)).toBe(false);
    // the right agency in the wrong role is out of scope
    expect(orderInScope(as('prosecutor', 'bapas'), order)).toBe(false);
    expect(orderInScope(as('supervisor', 'kejari'), order)).toBe(false);
    expect(orderInScope(as('coordinator', 'bapas'), order)).toBe(false);
    expect(orderInScope(as('admin', 'bapas'), order)).toBe(false);
    // a person's records have no Kejari: no prosecutor's scope
    expect(orderInScope(as('prosecutor', 'kejari'), { bapasId: 'bapas', kejaksaanId: null })).toBe(false);
  });

  it("R-30: the supervisor's words about a booking are for the order's own supervisors and prosecutors only", () => {
    expect(maySeeSupervisorsWords(as('supervisor', 'bapas'), order)).toBe(true);
    expect(maySeeSupervisorsWords(as('prosecutor', 'kejari'), order)).toBe(true);
    // who may read the roll-call is not enough: the site's coordinator, another Bapas's supervisor at a shared site
    expect(maySeeSupervisorsWords(as('coordinator', 'opd'), order)).toBe(false);
    expect(maySeeSupervisorsWords(as('supervisor', 'other-bapas'), order)).toBe(false);
    expect(maySeeSupervisorsWords(as('admin', 'bapas'), order)).toBe(false);
  });

  it('R-26, R-28: only a supervisor changes what happens under an order and credits hours, never an admin', () => {
    expect(maySupervise(as('supervisor', 'bapas'))).toBe(true);
    for (const role of ['admin', 'prosecutor', 'coordinator', 'oversight'] as const)
      expect(maySupervise(as(role, 'bapas'))).toBe(false);
    expect(mayProsecute(as('prosecutor', 'kejari'))).toBe(true);
    expect(mayProsecute(as('admin', 'kejari'))).toBe(false);
  });

  it('R-27: a user related to the person records and signs off none of their hours', () => {
    expect(conflictOfInterest({ related: true })).toBe(true);
    expect(conflictOfInterest({ related: false })).toBe(false);
  });

  it('R-26: a supervisor works on the persons and plans of their own Bapas only', () => {
    expect(ofOwnBapas(as('supervisor', 'bapas'), { bapasId: 'bapas' })).toBe(true);
    expect(ofOwnBapas(as('supervisor', 'other-bapas'), { bapasId: 'bapas' })).toBe(false);
  });

  it('R-26: a site is seen by admins, the parties to its agreement (any role) and its coordinators', () => {
    expect(maySeeSite(as('admin', 'kanwil'), nothing)).toBe(true);
    expect(maySeeSite(as('prosecutor', 'kejari'), party)).toBe(true);
    expect(maySeeSite(as('coordinator', 'opd'), coordinated)).toBe(true);
    expect(maySeeSite(as('supervisor', 'other-bapas'), nothing)).toBe(false);
  });

  it('R-26: a site is used (booked, planned) by the supervisors of a Bapas party to its agreement; shifts added by them or admins', () => {
    expect(mayUseSite(as('supervisor', 'bapas'), party)).toBe(true);
    expect(mayUseSite(as('prosecutor', 'kejari'), party)).toBe(false);
    expect(mayUseSite(as('admin', 'kanwil'), nothing)).toBe(false);
    expect(mayUseSite(as('supervisor', 'bapas'), coordinated)).toBe(false);
    expect(mayScheduleAt(as('admin', 'kanwil'), nothing)).toBe(true);
    expect(mayScheduleAt(as('supervisor', 'bapas'), party)).toBe(true);
    expect(mayScheduleAt(as('supervisor', 'other-bapas'), nothing)).toBe(false);
  });

  it("R-26: a site's shifts are seen by its coordinators, the supervisors who use it and admins; not a party's prosecutor", () => {
    expect(maySeeShifts(as('coordinator', 'opd'), coordinated)).toBe(true);
    expect(maySeeShifts(as('supervisor', 'bapas'), party)).toBe(true);
    expect(maySeeShifts(as('admin', 'kanwil'), nothing)).toBe(true);
    expect(maySeeShifts(as('prosecutor', 'kejari'), party)).toBe(false);
    expect(maySeeShifts(as('coordinator', 'opd'), party)).toBe(false);
    // a roll-call names people: not for an admin
    expect(mayCallRoll(as('admin', 'kanwil'), nothing)).toBe(false);
    expect(mayCallRoll(as('coordinator', 'opd'), coordinated)).toBe(true);
    expect(mayCallRoll(as('supervisor', 'bapas'), party)).toBe(true);
  });

  it("R-26: an assignment is seen by its site's coordinators and by those whose scope its order is in", () => {
    expect(maySeeAssignment(as('coordinator', 'opd'), { ...order, coordinates: true })).toBe(true);
    expect(maySeeAssignment(as('coordinator', 'opd'), { ...order, coordinates: false })).toBe(false);
    expect(maySeeAssignment(as('prosecutor', 'kejari'), { ...order, coordinates: false })).toBe(true);
    expect(maySeeAssignment(as('supervisor', 'other-bapas'), { ...order, coordinates: true })).toBe(true);
  });

  it("R-25, R-26: an entity's audit trail is read by admins and by those whose scope its order is in", () => {
    expect(maySeeTrail(as('admin', 'kanwil'), order)).toBe(true);
    expect(maySeeTrail(as('prosecutor', 'kejari'), order)).toBe(true);
    expect(maySeeTrail(as('supervisor', 'other-bapas'), order)).toBe(false);
    expect(maySeeTrail(as('prosecutor', 'kejari'), { bapasId: 'bapas', kejaksaanId: null })).toBe(false);
  });

  it("R-26: a report is asked of one's own agency, or of any by an admin", () => {
    expect(mayAskReportOf(as('supervisor', 'bapas'), 'bapas')).toBe(true);
    expect(mayAskReportOf(as('supervisor', 'bapas'), 'kejari')).toBe(false);
    expect(mayAskReportOf(as('admin', 'kanwil'), 'bapas')).toBe(true);
  });

  it("R-29: a Kanwil oversees its own region's Bapas; an administrator every region", () => {
    expect(oversees(as('oversight', 'kanwil'), 'ID-MA', 'ID-MA')).toBe(true);
    expect(oversees(as('oversight', 'kanwil'), 'ID-JA', 'ID-MA')).toBe(false);
    expect(oversees(as('oversight', 'bapas'), null, 'ID-MA')).toBe(false);
    expect(oversees(as('admin', 'kanwil'), null, 'ID-MA')).toBe(true);
  });
});
