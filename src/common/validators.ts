import { DateTime, IANAZone } from 'luxon';
import { ValidateIf, ValidationOptions, registerDecorator } from 'class-validator';

/** A custom constraint whose name is the message code `validation.<name>` in the catalog. */
function constraint(name: string, test: (value: unknown) => boolean) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: String(propertyName),
        options: { message: `$property ${name}`, ...options },
        validator: { validate: test },
      });
}

/** Dates and instants a client may send: anything outside is a typo or an attack, never a sentence's date. */
const SANE_YEARS = { from: 1900, to: 2100 };

const withinSaneYears = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= SANE_YEARS.from && year <= SANE_YEARS.to;
};

export const isLocalDate = (value: unknown): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  withinSaneYears(value) &&
  DateTime.fromISO(value).isValid;

export const IsLocalDate = constraint('isLocalDate', isLocalDate);

export const IsLocalTime = constraint(
  'isLocalTime',
  (value) => typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value),
);

export const IsIsoInstant = constraint(
  'isIsoInstant',
  (value) =>
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    withinSaneYears(value) &&
    DateTime.fromISO(value, { setZone: true }).isValid,
);

export const IsTimeZone = constraint('isTimeZone', (value) => typeof value === 'string' && IANAZone.isValidZone(value));

export const IsNik = constraint('isNik', (value) => typeof value === 'string' && /^\d{16}$/.test(value));

/** Indonesian numbers: 08…, 628… or +628…, 9 to 13 digits after the country code. */
export const IsIndonesianPhone = constraint(
  'isPhone',
  (value) => typeof value === 'string' && /^(\+62|62|0)8\d{7,11}$/.test(value.replace(/[\s-]/g, '')),
);

/** Optional, but not nullable: a field left out is skipped, a `null` is checked (and refused) like any value. */
export const IsDefinedWhenGiven = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** `YYYY-MM`, a real month between 1900 and 2100. */
export const MONTH_PATTERN = /^(19\d\d|20\d\d|2100)-(0[1-9]|1[0-2])$/;
/** Refused as `validation.isMonth` naming the field. */
export const IsMonth = constraint('isMonth', (value) => typeof value === 'string' && MONTH_PATTERN.test(value));
