import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Message } from '../common/rule-violation.js';

export const REASONS = [
  'shift_reminder_day_before',
  'shift_reminder_2h',
  'roster',
  'no_show',
  'open_check_in',
  'warning',
  'warning_supervisor',
  'order_at_risk',
  'order_completed',
  'account_activation',
  'account_changed',
  'breach_opened',
  'breach_decided',
  'monthly_report',
] as const;
export type Reason = (typeof REASONS)[number];

export type Templates = Record<Reason, Message>;

/** Message templates live under config/ so an office can word them without a release. */
export function loadTemplates(dir: string): Templates {
  const templates = JSON.parse(readFileSync(join(dir, 'notifications.json'), 'utf8')) as Partial<Templates>;
  const missing = REASONS.filter((reason) => !templates[reason]?.id || !templates[reason]?.en);
  if (missing.length > 0) throw new Error(`${dir}/notifications.json lacks templates for: ${missing.join(', ')}`);
  return templates as Templates;
}

export function render(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
