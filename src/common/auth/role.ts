/** The roles a user account may hold (RULES.md "Who is who"); every guard and access check speaks them. */
export const ROLES = ['admin', 'supervisor', 'coordinator', 'prosecutor', 'oversight'] as const;
export type Role = (typeof ROLES)[number];
