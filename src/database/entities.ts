import { Agency } from '../agencies/agency.entity.js';
import { Agreement } from '../agreements/agreement.entity.js';
import { Assignment } from '../assignments/assignment.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { User } from '../identity/user.entity.js';
import { LedgerEntry } from '../ledger/ledger-entry.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { Order } from '../orders/order.entity.js';
import { Person } from '../persons/person.entity.js';
import { Plan } from '../planning/plan.entity.js';
import { Shift } from '../shifts/shift.entity.js';
import { Site } from '../sites/site.entity.js';

export const entities = [
  Agency,
  Agreement,
  Assignment,
  AuditEvent,
  User,
  LedgerEntry,
  Notification,
  Order,
  Person,
  Plan,
  Shift,
  Site,
];
