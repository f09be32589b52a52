import type { Role } from '../../src/identity/user.entity.js';
import type { AmbonIds, Username } from './demo-app.js';

/**
 * Who may call each route, the one table the access matrix checks the router against: a route without a
 * row, or a row without a route, fails the matrix.
 *
 * - `who`: 'anyone' (no token), 'signed-in' (any role), or the roles allowed.
 * - `scope`: the route works on the Ambon demo's ids and refuses callers outside their scope. 'ambon': every
 *   Ambon user of an allowed role (and the administrator) is in scope, Sungai Penuh's are not; 'mardika': the same,
 *   but of the coordinators only the site's own (koord.dlhp; koord.dinsos works for another OPD).
 * - `query`: what the route needs to get past validation at all.
 * - `denyBody`: a body that passes validation, sent on the denied cells so that the role and scope checks are the
 *   ones answering (never on allowed cells: they get `{}` and must change nothing the test relies on).
 */
export interface Access {
  who: 'anyone' | 'signed-in' | Role[];
  scope?: 'ambon' | 'mardika';
  query?: (ids: AmbonIds) => string;
  denyBody?: (ids: AmbonIds) => object;
}

const only = (...roles: Role[]) => roles;
const reason = () => ({ reason: 'uji matriks akses' });

export const ACCESS: Record<string, Access> = {
  'POST /api/v1/auth/login': { who: 'anyone' },
  'POST /api/v1/auth/activate': { who: 'anyone' },
  'POST /api/v1/auth/password': { who: 'signed-in' },
  'GET /api/v1/health': { who: 'anyone' },
  'GET /api/v1/health/ready': { who: 'anyone' },
  'GET /api/v1/health/live': { who: 'anyone' },

  'POST /api/v1/agencies': { who: only('admin') },
  'GET /api/v1/agencies': { who: 'signed-in' },
  'GET /api/v1/agencies/:id': { who: 'signed-in' },
  'POST /api/v1/agencies/:id/head': { who: only('admin'), denyBody: (ids) => ({ userId: ids.spareUser }) },
  'POST /api/v1/users': { who: only('admin') },
  'GET /api/v1/users': { who: only('admin') },
  'GET /api/v1/users/me': { who: 'signed-in' },
  'GET /api/v1/users/:id': { who: only('admin') },
  'PATCH /api/v1/users/:id': { who: only('admin') },
  'POST /api/v1/users/:id/password-reset': { who: only('admin') },
  'POST /api/v1/users/:id/deactivate': { who: only('admin') },
  'POST /api/v1/users/:id/reactivate': { who: only('admin') },
  'POST /api/v1/users/:id/unlock': { who: only('admin') },

  'POST /api/v1/agreements': { who: only('admin') },
  'GET /api/v1/agreements': { who: 'signed-in' },
  'GET /api/v1/agreements/:id': { who: 'signed-in' },
  'POST /api/v1/sites': { who: only('admin') },
  'GET /api/v1/sites': { who: 'signed-in' },
  'GET /api/v1/sites/:siteId': { who: 'signed-in', scope: 'ambon' },
  'PATCH /api/v1/sites/:siteId': { who: only('admin'), denyBody: () => ({ radiusMeters: 250 }) },
  'GET /api/v1/sites/:siteId/open-dates': { who: only('admin') },
  'POST /api/v1/sites/:siteId/open-dates': { who: only('admin') },
  'POST /api/v1/sites/:siteId/shifts': {
    who: only('supervisor', 'admin'),
    scope: 'ambon',
    denyBody: (ids) => ({ date: ids.futureDate, start: '08:00', end: '12:00' }),
  },
  'GET /api/v1/sites/:siteId/shifts': { who: only('supervisor', 'coordinator', 'admin'), scope: 'mardika' },
  'GET /api/v1/holidays': { who: 'signed-in', query: () => 'from=2026-01-01&to=2026-12-31' },
  'POST /api/v1/holidays': { who: only('admin') },
  'POST /api/v1/holidays/:date/move': { who: only('admin') },
  'DELETE /api/v1/holidays/:date': { who: only('admin') },
  'GET /api/v1/holiday-years': { who: 'signed-in' },
  'PUT /api/v1/holiday-years/:year': { who: only('admin') },

  'POST /api/v1/persons': { who: only('supervisor') },
  'GET /api/v1/persons': { who: only('supervisor') },
  'GET /api/v1/persons/:id': { who: only('supervisor'), scope: 'ambon' },
  'PATCH /api/v1/persons/:id': { who: only('supervisor'), scope: 'ambon' },
  'POST /api/v1/persons/:id/conflicts': {
    who: only('supervisor'),
    scope: 'ambon',
    denyBody: (ids) => ({ userId: ids.spareUser, relation: 'saudara kandung' }),
  },
  'GET /api/v1/persons/:id/notifications': { who: only('supervisor'), scope: 'ambon' },
  'GET /api/v1/persons/:id/export': { who: only('supervisor'), scope: 'ambon' },
  'POST /api/v1/persons/:id/opt-outs': {
    who: only('supervisor'),
    scope: 'ambon',
    denyBody: () => ({ channel: 'log' }),
  },
  'DELETE /api/v1/persons/:id/opt-outs/:channel': { who: only('supervisor'), scope: 'ambon' },

  'POST /api/v1/orders': { who: only('supervisor'), scope: 'ambon', denyBody: (ids) => ids.orderBody },
  'GET /api/v1/orders': { who: only('supervisor', 'prosecutor') },
  'GET /api/v1/orders/:id': { who: only('supervisor', 'prosecutor'), scope: 'ambon' },
  'GET /api/v1/orders/:id/ledger': { who: only('supervisor', 'prosecutor'), scope: 'ambon' },
  'POST /api/v1/orders/:id/ledger/:entryId/reversal': { who: only('supervisor'), scope: 'ambon', denyBody: reason },
  'GET /api/v1/orders/:orderId/assignments': { who: only('supervisor', 'prosecutor'), scope: 'ambon' },
  'POST /api/v1/orders/:id/plan': { who: only('supervisor'), scope: 'ambon' },
  'POST /api/v1/plans': { who: only('supervisor') },
  'GET /api/v1/plans/:id': { who: only('supervisor'), scope: 'ambon' },
  'POST /api/v1/plans/:id/apply': { who: only('supervisor'), scope: 'ambon' },

  'POST /api/v1/assignments': {
    who: only('supervisor'),
    scope: 'ambon',
    denyBody: (ids) => ({ orderId: ids.order, shiftId: ids.shift }),
  },
  'GET /api/v1/assignments/:id': { who: only('supervisor', 'prosecutor', 'coordinator'), scope: 'mardika' },
  'GET /api/v1/assignments/:id/notifications': {
    who: only('supervisor', 'prosecutor', 'coordinator'),
    scope: 'mardika',
  },
  'GET /api/v1/shifts/:shiftId/assignments': { who: only('supervisor', 'coordinator'), scope: 'mardika' },
  // A coordinator's own sites' shifts: every coordinator gets theirs, nobody else's.
  'GET /api/v1/shifts': { who: only('coordinator'), query: (ids) => `from=${ids.futureDate}&to=${ids.futureDate}` },
  'GET /api/v1/shifts/:id': { who: only('coordinator', 'supervisor', 'admin'), scope: 'mardika' },
  // The whole shift signed off: only the caller's own Bapas's confirmed bookings (another Bapas gets none).
  'POST /api/v1/shifts/:shiftId/sign-off': { who: only('supervisor') },
  'GET /api/v1/worklist': { who: only('supervisor') },
  'POST /api/v1/persons/:id/link': { who: only('supervisor'), scope: 'ambon' },
  // The person's own page: the signed link is the only key.
  'GET /api/v1/person-page/:token': { who: 'anyone' },
  'POST /api/v1/person-page/:token/notices': { who: 'anyone' },
  'POST /api/v1/assignments/:id/cancel': { who: only('supervisor'), scope: 'ambon', denyBody: reason },
  'POST /api/v1/assignments/:id/check-in': { who: only('coordinator'), scope: 'mardika' },
  'POST /api/v1/assignments/:id/check-out': { who: only('coordinator'), scope: 'mardika' },
  'POST /api/v1/assignments/:id/absence': { who: only('coordinator'), scope: 'mardika', denyBody: reason },
  'POST /api/v1/assignments/:id/sign-off': { who: only('supervisor'), scope: 'ambon' },
  'POST /api/v1/assignments/:id/absence-decision': {
    who: only('supervisor'),
    scope: 'ambon',
    denyBody: () => ({ excused: true, reason: 'uji matriks akses' }),
  },

  'GET /api/v1/breaches': { who: only('supervisor', 'prosecutor', 'admin') },
  'POST /api/v1/orders/:id/breaches': { who: only('supervisor'), scope: 'ambon', denyBody: reason },
  'GET /api/v1/breaches/:id': { who: only('supervisor', 'prosecutor', 'admin'), scope: 'ambon' },
  'POST /api/v1/breaches/:id/decision': {
    who: only('prosecutor'),
    scope: 'ambon',
    denyBody: (ids) => ({
      outcome: 'dismissed',
      decisionNumber: 'B-1/uji',
      decisionDate: ids.futureDate,
      note: 'uji matriks akses',
    }),
  },
  'POST /api/v1/breaches/:id/decision/corrections': {
    who: only('prosecutor'),
    scope: 'ambon',
    denyBody: (ids) => ({
      outcome: 'dismissed',
      decisionNumber: 'B-1/uji',
      decisionDate: ids.futureDate,
      note: 'uji matriks akses',
      correctsId: ids.spareUser,
      reason: 'uji matriks akses',
    }),
  },

  'GET /api/v1/orders/:id/completion-report': { who: only('supervisor', 'prosecutor'), scope: 'ambon' },
  // Asked for the Bapas of Ambon: prosecutors and coordinators read only their own Kejari's or OPD's report.
  'GET /api/v1/reports/monthly': {
    who: only('supervisor', 'admin'),
    scope: 'ambon',
    query: (ids) => `agencyId=${ids.agency}&month=2026-11&format=csv`,
  },
  'GET /api/v1/exports': { who: only('admin') },

  'GET /api/v1/audit-events': {
    who: only('admin', 'supervisor', 'prosecutor'),
    scope: 'ambon',
    query: (ids) => `entityType=order&entityId=${ids.order}`,
  },
  'GET /api/v1/audit-events/verify': { who: only('admin') },
  'POST /api/v1/audit-events/checkpoints': { who: only('admin') },
  'GET /api/v1/audit-events/checkpoints/latest': { who: only('admin', 'supervisor', 'prosecutor') },
  'POST /api/v1/audit-events/checkpoints/verify': { who: only('admin', 'prosecutor') },

  // each Kanwil its own region's Bapas (an Ambon signal is out of the Jambi Kanwil's scope); admins all.
  'GET /api/v1/oversight/summary': { who: only('oversight', 'admin'), query: () => 'month=2026-11' },
  'GET /api/v1/oversight/signals': { who: only('oversight', 'admin') },
  'POST /api/v1/oversight/signals/scan': { who: only('oversight', 'admin') },
  'GET /api/v1/oversight/signals/:id': { who: only('oversight', 'admin'), scope: 'ambon' },
  'GET /api/v1/oversight/signals/:id/trail': { who: only('oversight', 'admin'), scope: 'ambon' },
  'POST /api/v1/oversight/signals/:id/review': {
    who: only('oversight'),
    scope: 'ambon',
    denyBody: () => ({ note: 'uji matriks akses' }),
  },
};

const OUT_OF_AMBON: Username[] = ['pk.sungaipenuh', 'jaksa.sungaipenuh', 'koord.sungaipenuh', 'kanwil.jambi'];

export type Verdict = 'allowed' | 'role' | 'scope';

/** What the table says of one caller (undefined: anonymous) on one route. */
export function verdict(access: Access, caller: { username: Username; role: Role } | undefined): Verdict {
  if (access.who === 'anyone') return 'allowed';
  if (!caller) return 'role';
  if (access.who !== 'signed-in' && !access.who.includes(caller.role)) return 'role';
  if (!access.scope) return 'allowed';
  if (OUT_OF_AMBON.includes(caller.username)) return 'scope';
  // a Kanwil reads its region's figures and signals, not the records of a Bapas's daily work.
  if (caller.role === 'oversight' && access.who === 'signed-in') return 'scope';
  if (access.scope === 'mardika' && caller.role === 'coordinator' && caller.username !== 'koord.dlhp') return 'scope';
  return 'allowed';
}
