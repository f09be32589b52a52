import { MessageCatalog, RuleViolation } from './rule-violation.js';

export type Locale = 'id' | 'en';

const statusTitles: MessageCatalog = {
  'status.400': { id: 'Permintaan tidak valid', en: 'Bad request' },
  'status.401': { id: 'Belum masuk', en: 'Unauthorized' },
  'status.403': { id: 'Tidak diizinkan', en: 'Forbidden' },
  'status.404': { id: 'Tidak ditemukan', en: 'Not found' },
  'status.409': { id: 'Bertentangan dengan keadaan saat ini', en: 'Conflict' },
  'status.413': { id: 'Permintaan terlalu besar', en: 'Payload too large' },
  'status.415': { id: 'Jenis konten tidak didukung', en: 'Unsupported media type' },
  'status.429': { id: 'Terlalu banyak permintaan', en: 'Too many requests' },
  'status.500': { id: 'Kesalahan internal', en: 'Internal server error' },
  'status.503': { id: 'Layanan tidak tersedia', en: 'Service unavailable' },
};

const commonMessages: MessageCatalog = {
  not_found: { id: '{entity} tidak ditemukan.', en: '{entity} not found.' },
  reference_not_found: { id: '{entity} tidak ditemukan.', en: 'No such {entity}.' },
  route_not_found: { id: 'Alamat ini tidak ada.', en: 'No such route.' },
  malformed_json: { id: 'Isi permintaan bukan JSON yang valid.', en: 'The request body is not valid JSON.' },
  internal_error: {
    id: 'Terjadi kesalahan internal; sudah dicatat.',
    en: 'An internal error occurred; it has been logged.',
  },
  invalid_value: {
    id: 'Sebuah nilai di luar jangkauan yang dapat disimpan.',
    en: 'A value is outside the range that can be stored.',
  },
  'input.too_deep': {
    id: 'Isi permintaan bersarang lebih dari {value} tingkat.',
    en: 'The request nests deeper than {value} levels.',
  },
  'input.too_many_members': {
    id: 'Isi permintaan memuat lebih dari {value} isian.',
    en: 'The request holds more than {value} members.',
  },
  'input.too_large': { id: 'Isi permintaan lebih dari {value}.', en: 'The request body is larger than {value}.' },
  duplicate: { id: 'Data yang sama sudah ada ({detail}).', en: 'A record with the same values exists ({detail}).' },
  constraint: { id: 'Ditolak oleh aturan data ({detail}).', en: 'Refused by a data rule ({detail}).' },
  'auth.bad_credentials': { id: 'Nama pengguna atau kata sandi salah.', en: 'Wrong username or password.' },
  'auth.account_locked': {
    id: 'Akun terkunci sementara karena terlalu banyak kata sandi salah; coba lagi nanti atau hubungi admin.',
    en: 'The account is locked for a while after too many wrong passwords; try later or ask an administrator.',
  },
  'auth.too_many_attempts': {
    id: 'Terlalu banyak percobaan masuk yang gagal; coba lagi dalam {seconds} detik.',
    en: 'Too many failed sign-in attempts; try again in {seconds} seconds.',
  },
  'auth.missing_token': { id: 'Token akses diperlukan.', en: 'An access token is required.' },
  'auth.bad_token': { id: 'Token akses tidak valid atau kedaluwarsa.', en: 'The access token is invalid or expired.' },
  'auth.role_not_allowed': { id: 'Peran Anda tidak boleh melakukan ini.', en: 'Your role may not do this.' },
  'auth.out_of_scope': { id: 'Data ini di luar wilayah kerja Anda (R-26).', en: 'This is outside your scope (R-26).' },
  'idempotency.key_reused': {
    id: 'Idempotency-Key ini sudah dipakai untuk permintaan lain.',
    en: 'This Idempotency-Key was used for a different request.',
  },
};

/** class-validator constraint names, translated; the field is named separately in `errors[].field`. */
const validationMessages: MessageCatalog = {
  'validation.isDefined': { id: 'wajib diisi', en: 'is required' },
  'validation.whitelistValidation': { id: 'kolom ini tidak dikenal', en: 'is not a known field' },
  'validation.isString': { id: 'harus berupa teks', en: 'must be a string' },
  'validation.isNotEmpty': { id: 'tidak boleh kosong', en: 'must not be empty' },
  'validation.isInt': { id: 'harus bilangan bulat', en: 'must be an integer' },
  'validation.isNumber': { id: 'harus berupa angka', en: 'must be a number' },
  'validation.isBoolean': { id: 'harus true atau false', en: 'must be true or false' },
  'validation.isUuid': { id: 'harus UUID', en: 'must be a UUID' },
  'validation.isArray': { id: 'harus berupa daftar', en: 'must be an array' },
  'validation.isObject': { id: 'harus berupa objek', en: 'must be an object' },
  'validation.isIn': { id: 'harus salah satu dari: {values}', en: 'must be one of: {values}' },
  'validation.isEnum': { id: 'harus salah satu dari: {values}', en: 'must be one of: {values}' },
  'validation.min': { id: 'minimal {value}', en: 'must be at least {value}' },
  'validation.max': { id: 'maksimal {value}', en: 'must be at most {value}' },
  'validation.minLength': { id: 'minimal {value} karakter', en: 'must be at least {value} characters' },
  'validation.maxLength': { id: 'maksimal {value} karakter', en: 'must be at most {value} characters' },
  'validation.arrayMinSize': { id: 'minimal {value} isi', en: 'must contain at least {value} items' },
  'validation.arrayMaxSize': { id: 'maksimal {value} isi', en: 'must contain at most {value} items' },
  'validation.isLocalDate': {
    id: 'harus tanggal YYYY-MM-DD yang ada, tahun 1900 sampai 2100',
    en: 'must be an existing date YYYY-MM-DD between the years 1900 and 2100',
  },
  'validation.isLocalTime': { id: 'harus jam HH:mm', en: 'must be a time HH:mm' },
  'validation.isIsoInstant': {
    id: 'harus waktu ISO 8601 dengan zona (mis. 2026-12-01T08:00:00+09:00)',
    en: 'must be an ISO 8601 instant with offset (e.g. 2026-12-01T08:00:00+09:00)',
  },
  'validation.isTimeZone': {
    id: 'harus zona waktu IANA (mis. Asia/Jayapura)',
    en: 'must be an IANA time zone (e.g. Asia/Jayapura)',
  },
  'validation.isLatitude': { id: 'harus lintang -90..90', en: 'must be a latitude -90..90' },
  'validation.isLongitude': { id: 'harus bujur -180..180', en: 'must be a longitude -180..180' },
  'validation.isNik': { id: 'NIK harus 16 angka', en: 'a NIK must be 16 digits' },
  'validation.isPhone': { id: 'harus nomor telepon Indonesia', en: 'must be an Indonesian phone number' },
  'validation.equals': { id: 'harus bernilai true', en: 'must be true' },
  'validation.matches': { id: 'formatnya tidak sesuai', en: 'has the wrong format' },
  'validation.invalid': { id: 'tidak valid', en: 'is invalid' },
  'validation.noNul': { id: 'tidak boleh memuat karakter NUL', en: 'must not contain a NUL character' },
  'validation.wellFormedText': {
    id: 'harus teks Unicode yang utuh (tanpa surrogate tunggal)',
    en: 'must be well-formed Unicode text (no lone surrogate)',
  },
};

const catalog: MessageCatalog = {
  ...statusTitles,
  ...commonMessages,
  ...validationMessages,
};

/**
 * Adds a module's messages to the catalog, at import: a rules file's or a service's. Every domain registers its
 * own, so this plumbing knows none of them.
 */
export function defineMessages<T extends MessageCatalog>(messages: T): T {
  for (const code of Object.keys(messages)) {
    if (catalog[code]) throw new Error(`Message code defined twice: ${code}`);
  }
  Object.assign(catalog, messages);
  return messages;
}

export function hasMessage(code: string): boolean {
  return code in catalog;
}

export function localize(code: string, locale: Locale, params: RuleViolation['params'] = {}): string {
  const template = catalog[code]?.[locale] ?? code;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Indonesian unless the client asks for English first. */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'id';
}

/** Warnings that come with a successful answer, worded like the errors of problem+json. */
export function localizedWarnings(warnings: RuleViolation[], acceptLanguage: string | undefined) {
  const locale = pickLocale(acceptLanguage);
  return warnings.map((warning) => ({ code: warning.code, message: localize(warning.code, locale, warning.params) }));
}
