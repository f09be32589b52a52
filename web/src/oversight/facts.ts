import { currentLang } from '../i18n.js';
import { formatDate, formatInstant } from '../time.js';

type Words = { id: string; en: string };

/** What a signal measured, named for the compliance officer (the API speaks the fields' names). */
const FACTS: Record<string, Words> = {
  // signals found before each check-in kept the radius it was measured against
  radiusMeters: { id: 'Radius lokasi (m)', en: 'Site radius (m)' },
  toleranceMeters: { id: 'Toleransi (m)', en: 'Tolerance (m)' },
  checkInDistanceMeters: { id: 'Jarak saat hadir dari titik lokasi (m)', en: 'Check-in distance from the site (m)' },
  checkInRadiusMeters: { id: 'Radius lokasi saat hadir (m)', en: 'Site radius at check-in (m)' },
  checkOutDistanceMeters: { id: 'Jarak saat pulang dari titik lokasi (m)', en: 'Check-out distance from the site (m)' },
  checkOutRadiusMeters: { id: 'Radius lokasi saat pulang (m)', en: 'Site radius at check-out (m)' },
  checkInDelayHours: { id: 'Hadir diterima setelah (jam)', en: 'Check-in received after (hours)' },
  checkOutDelayHours: { id: 'Pulang diterima setelah (jam)', en: 'Check-out received after (hours)' },
  thresholdHours: { id: 'Ambang (jam)', en: 'Threshold (hours)' },
  thresholdMinutes: { id: 'Ambang (menit)', en: 'Threshold (minutes)' },
  thresholdPercent: { id: 'Ambang (%)', en: 'Threshold (%)' },
  thresholdShifts: { id: 'Ambang (sesi)', en: 'Threshold (shifts)' },
  windowDays: { id: 'Rentang (hari)', en: 'Window (days)' },
  pairMinutes: { id: 'Menit disahkan pasangan ini', en: "This pair's minutes" },
  bapasMinutes: { id: 'Menit diakui Bapas', en: "The Bapas's credited minutes" },
  sharePercent: { id: 'Porsi (%)', en: 'Share (%)' },
  date: { id: 'Tanggal', en: 'Date' },
  hoursBetweenOpeningAndShift: { id: 'Dibuka sebelum sesi (jam)', en: 'Opened before the shift (hours)' },
  accountCreatedAt: { id: 'Akun dibuat', en: 'Account created' },
  firstSignatureAt: { id: 'Tanda tangan pertama', en: 'First signature' },
  signatures: { id: 'Jumlah tanda tangan', en: 'Signatures' },
  shifts: { id: 'Sesi', en: 'Shifts' },
  signOffs: { id: 'Pengesahan', en: 'Sign-offs' },
  minutes: { id: 'Menit', en: 'Minutes' },
  creditedMinutes: { id: 'Menit diakui', en: 'Minutes credited' },
  confirmerCoordinatesSite: {
    id: 'Pengonfirmasi koordinator lokasi ini',
    en: 'The confirmer coordinates this site',
  },
};

const RECORDS: Record<string, Words> = {
  assignment: { id: 'Penugasan', en: 'Booking' },
  order: { id: 'Putusan', en: 'Order' },
  shift: { id: 'Sesi', en: 'Shift' },
  site: { id: 'Lokasi', en: 'Site' },
  user: { id: 'Pengguna', en: 'User' },
  ledger_entry: { id: 'Entri buku jam', en: 'Ledger entry' },
};

const YES_NO: Record<string, Words> = { true: { id: 'Ya', en: 'Yes' }, false: { id: 'Tidak', en: 'No' } };
const INSTANT = /^\d{4}-\d{2}-\d{2}T/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const factLabel = (name: string): string => FACTS[name]?.[currentLang()] ?? name;
export const recordLabel = (type: string): string => RECORDS[type]?.[currentLang()] ?? type;

export function factValue(value: string, zone: string): string {
  if (value === '' || value === 'null') return '–';
  if (YES_NO[value]) return YES_NO[value][currentLang()];
  if (INSTANT.test(value)) return formatInstant(value, zone);
  if (DATE.test(value)) return formatDate(value);
  return value;
}
