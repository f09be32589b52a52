/**
 * The planner's POLICY for a second shift on one day (see planning/same-day.rules.ts): its own module, so the
 * planner's worker threads load it without the configuration's validators.
 */
export const SAME_DAY_POLICIES = ['same_site', 'one_shift'] as const;
export type SameDayPolicy = (typeof SAME_DAY_POLICIES)[number];
