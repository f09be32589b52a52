import { hasMessage, t } from './i18n.js';
import './messages-more.js';

/** An audit event's action in words; an action without a text keeps its code, so nothing is hidden. */
export function auditAction(action: string): string {
  const key = `audit.${action}`;
  return hasMessage(key) ? t(key) : action;
}
