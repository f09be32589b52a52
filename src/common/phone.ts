/** An Indonesian phone number in E.164 (+62…), from 08…, 628… or +628… with any spaces or dashes. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '');
  if (digits.startsWith('+62')) return digits;
  if (digits.startsWith('62')) return `+${digits}`;
  if (digits.startsWith('0')) return `+62${digits.slice(1)}`;
  throw new Error(`Not an Indonesian phone number: ${phone}`);
}
