/** The problem codes of a problem+json answer's `errors`, in order. */
export const codes = (body: { errors?: { code: string }[] }) => (body.errors ?? []).map((e) => e.code);

/** The fields a problem+json answer's `errors` name, in order. */
export const fields = (body: { errors?: { field?: string }[] }) => (body.errors ?? []).map((e) => e.field);

/** An ISO instant `minutes` after `instant` (negative: before). */
export const minutesAfter = (instant: string, minutes: number) =>
  new Date(Date.parse(instant) + minutes * 60_000).toISOString();
