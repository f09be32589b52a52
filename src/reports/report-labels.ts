import { DateTime } from 'luxon';

/** How the reports word the service's codes, in Indonesian (the documents are for the court file). */
export const ORDER_STATUS: Record<string, string> = {
  active: 'Berjalan',
  completed: 'Selesai',
  breached: 'Dilaporkan melanggar',
  closed: 'Ditutup (putusan jaksa)',
};

export const BREACH_GROUNDS: Record<string, string> = {
  second_unexcused_absence: 'Tidak hadir tanpa alasan sah untuk kedua kalinya',
  cannot_finish: 'Tidak dapat selesai sebelum batas waktu',
  reported_by_supervisor: 'Dilaporkan oleh PK',
};

export const BREACH_STATUS: Record<string, string> = { open: 'Terbuka', decided: 'Diputus', dismissed: 'Dihentikan' };

export function monthLabel(month: string): string {
  return DateTime.fromISO(`${month}-01`, { locale: 'id' }).toFormat('LLLL yyyy');
}

/** "2 Desember 2026". */
export function dateLabel(date: string): string {
  return DateTime.fromISO(date, { locale: 'id' }).toFormat('d LLLL yyyy');
}

export function instantLabel(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).setLocale('id').toFormat('d LLLL yyyy HH.mm ZZZZ');
}

export function rupiah(amount: number): string {
  return `Rp${amount.toLocaleString('id-ID')}`;
}

/** A file name from a case number or an agency name: "41-Pid.B-2026-PN-Amb". */
export function fileSlug(text: string): string {
  return text.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-+|-+$/g, '');
}
