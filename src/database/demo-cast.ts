import type { CreateAgencyDto } from '../agencies/dto.js';
import type { Role } from '../common/auth/role.js';
import type { CreatePersonDto } from '../persons/dto.js';

export interface DemoPlace {
  court: string;
  prosecutor: string;
  /** site name → username of its coordinator */
  coordinators: Record<string, string>;
}

const WIT = 'Asia/Jayapura';
const WIB = 'Asia/Jakarta';

/** Who and where the demo is about: Ambon (Maluku, WIT) and Sungai Penuh (Jambi, WIB). */
export const demoCast = {
  agencies: [
    { code: 'BAPAS-AMBON', name: 'Bapas Kelas II A Ambon', kind: 'bapas', region: 'ID-MA', timezone: WIT },
    { code: 'KEJARI-AMBON', name: 'Kejaksaan Negeri Ambon', kind: 'kejaksaan', region: 'ID-MA', timezone: WIT },
    {
      code: 'DLHP-AMBON',
      name: 'Dinas Lingkungan Hidup dan Persampahan Kota Ambon',
      kind: 'opd',
      region: 'ID-MA',
      timezone: WIT,
    },
    { code: 'DINSOS-AMBON', name: 'Dinas Sosial Kota Ambon', kind: 'opd', region: 'ID-MA', timezone: WIT },
    {
      code: 'KANWIL-MALUKU',
      name: 'Kantor Wilayah Direktorat Jenderal Pemasyarakatan Maluku',
      kind: 'kanwil',
      region: 'ID-MA',
      timezone: WIT,
    },
    {
      code: 'KANWIL-JAMBI',
      name: 'Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jambi',
      kind: 'kanwil',
      region: 'ID-JA',
      timezone: WIB,
    },
    { code: 'BAPAS-SUNGAIPENUH', name: 'Bapas Kelas II Sungai Penuh', kind: 'bapas', region: 'ID-JA', timezone: WIB },
    {
      code: 'KEJARI-SUNGAIPENUH',
      name: 'Kejaksaan Negeri Sungai Penuh',
      kind: 'kejaksaan',
      region: 'ID-JA',
      timezone: WIB,
    },
    {
      code: 'DLH-SUNGAIPENUH',
      name: 'Dinas Lingkungan Hidup Kota Sungai Penuh',
      kind: 'opd',
      region: 'ID-JA',
      timezone: WIB,
    },
  ] satisfies CreateAgencyDto[],

  users: [
    { username: 'admin', fullName: 'Administrator Bakti', role: 'admin', agency: 'KANWIL-MALUKU' },
    {
      username: 'pk.ambon',
      fullName: 'Novita Sahetapy, S.Sos.',
      role: 'supervisor',
      agency: 'BAPAS-AMBON',
      phone: '081240001001',
    },
    {
      username: 'pk2.ambon',
      fullName: 'Abdul Rahman Ohorella',
      role: 'supervisor',
      agency: 'BAPAS-AMBON',
      phone: '081240001002',
    },
    { username: 'jaksa.ambon', fullName: 'Ferdinand Tuhumury, S.H.', role: 'prosecutor', agency: 'KEJARI-AMBON' },
    {
      username: 'koord.dlhp',
      fullName: 'Johny Souisa',
      role: 'coordinator',
      agency: 'DLHP-AMBON',
      phone: '081240001003',
    },
    {
      username: 'koord.dinsos',
      fullName: 'Siti Marasabessy',
      role: 'coordinator',
      agency: 'DINSOS-AMBON',
      phone: '081240001004',
    },
    { username: 'pk.sungaipenuh', fullName: 'Rina Marlina, S.Psi.', role: 'supervisor', agency: 'BAPAS-SUNGAIPENUH' },
    {
      username: 'jaksa.sungaipenuh',
      fullName: 'Hendra Saputra, S.H.',
      role: 'prosecutor',
      agency: 'KEJARI-SUNGAIPENUH',
    },
    { username: 'koord.sungaipenuh', fullName: 'Dedi Kurniawan', role: 'coordinator', agency: 'DLH-SUNGAIPENUH' },
    { username: 'kanwil.maluku', fullName: 'Margaretha Huliselan, S.H.', role: 'oversight', agency: 'KANWIL-MALUKU' },
    { username: 'kanwil.jambi', fullName: 'Syahrial Effendi, S.H.', role: 'oversight', agency: 'KANWIL-JAMBI' },
  ] satisfies { username: string; fullName: string; role: Role; agency: string; phone?: string }[],

  agreements: [
    {
      number: '180/01/PKS/KS/2026',
      title: 'Perjanjian Kerja Sama Pelaksanaan Pidana Kerja Sosial di Kota Ambon',
      agencies: ['BAPAS-AMBON', 'KEJARI-AMBON', 'DLHP-AMBON', 'DINSOS-AMBON'],
      validFrom: '2026-01-02',
      validTo: '2027-12-31',
    },
    {
      number: '180/07/PKS/SP/2026',
      title: 'Perjanjian Kerja Sama Pidana Kerja Sosial Kota Sungai Penuh',
      agencies: ['BAPAS-SUNGAIPENUH', 'KEJARI-SUNGAIPENUH', 'DLH-SUNGAIPENUH'],
      validFrom: '2026-01-02',
      validTo: '2027-06-30',
    },
  ],

  sites: [
    {
      name: 'Pasukan Kuning Pasar Mardika',
      agency: 'DLHP-AMBON',
      agreement: '180/01/PKS/KS/2026',
      workType: 'street_cleaning',
      address: 'Jl. Pantai Mardika, Rijali, Sirimau, Kota Ambon',
      location: { lat: -3.6925, lng: 128.1842 },
      radiusMeters: 300,
      timezone: WIT,
      defaultCapacity: 12,
      minorsAllowed: false,
      coordinators: ['koord.dlhp'],
    },
    {
      name: 'Taman Kota Ambon',
      agency: 'DLHP-AMBON',
      agreement: '180/01/PKS/KS/2026',
      workType: 'park_maintenance',
      address: 'Jl. Sultan Hairun, Honipopu, Sirimau, Kota Ambon',
      location: { lat: -3.6955, lng: 128.1781 },
      radiusMeters: 200,
      timezone: WIT,
      defaultCapacity: 8,
      minorsAllowed: true,
      coordinators: ['koord.dlhp', 'pk2.ambon'],
    },
    {
      name: 'Rumah Singgah Dinas Sosial',
      agency: 'DINSOS-AMBON',
      agreement: '180/01/PKS/KS/2026',
      workType: 'social_care_support',
      address: 'Jl. Dr. Kayadoe, Kudamati, Nusaniwe, Kota Ambon',
      location: { lat: -3.7061, lng: 128.1703 },
      radiusMeters: 150,
      timezone: WIT,
      defaultCapacity: 6,
      minorsAllowed: false,
      coordinators: ['koord.dinsos'],
    },
    {
      name: 'Kebersihan Pasar Tanjung Bajure',
      agency: 'DLH-SUNGAIPENUH',
      agreement: '180/07/PKS/SP/2026',
      workType: 'street_cleaning',
      address: 'Pasar Tanjung Bajure, Kota Sungai Penuh, Jambi',
      location: { lat: -2.0639, lng: 101.3923 },
      radiusMeters: 250,
      timezone: WIB,
      defaultCapacity: 10,
      minorsAllowed: false,
      coordinators: ['koord.sungaipenuh'],
    },
  ],

  places: {
    ambon: {
      court: 'Pengadilan Negeri Ambon',
      prosecutor: 'jaksa.ambon',
      coordinators: {
        'Pasukan Kuning Pasar Mardika': 'koord.dlhp',
        'Taman Kota Ambon': 'koord.dlhp',
        'Rumah Singgah Dinas Sosial': 'koord.dinsos',
      },
    },
    sungaiPenuh: {
      court: 'Pengadilan Negeri Sungai Penuh',
      prosecutor: 'jaksa.sungaipenuh',
      coordinators: { 'Kebersihan Pasar Tanjung Bajure': 'koord.sungaipenuh' },
    },
  } satisfies Record<string, DemoPlace>,

  persons: {
    yohanis: {
      fullName: 'Yohanis Latuheru',
      nik: '8171011405860001',
      birthDate: '1986-05-14',
      sex: 'M',
      religion: 'protestant',
      phone: '081343210001',
      address: 'Batu Merah, Sirimau, Ambon',
      home: { lat: -3.6889, lng: 128.1925 },
      unavailable: [{ weekday: 6, from: '05:00', to: '12:00', reason: 'berjualan ikan di pasar' }],
      caseNumber: '41/Pid.C/2026/PN Amb',
    },
    maria: {
      fullName: 'Maria Pattiasina',
      nik: '8171034309950002',
      birthDate: '1995-09-03',
      sex: 'F',
      religion: 'catholic',
      phone: '081343210002',
      address: 'Kudamati, Nusaniwe, Ambon',
      caseNumber: '44/Pid.C/2026/PN Amb',
    },
    fadli: {
      fullName: 'Fadli Rumalutur',
      nik: '8171042002100003',
      birthDate: '2010-02-20',
      sex: 'M',
      religion: 'islam',
      phone: '081343210003',
      address: 'Waihaong, Nusaniwe, Ambon',
      inSchool: true,
      caseNumber: '3/Pid.Sus-Anak/2026/PN Amb',
    },
    rahmat: {
      fullName: 'Rahmat Hidayat',
      nik: '1572010811920004',
      birthDate: '1992-11-08',
      sex: 'M',
      religion: 'islam',
      phone: '082177770004',
      address: 'Pondok Tinggi, Sungai Penuh',
      caseNumber: '17/Pid.C/2026/PN Spn',
    },
  } satisfies Record<string, CreatePersonDto & { caseNumber: string }>,

  /** Crews for today's roll-calls and yesterday's confirmations (adults; no worship windows asked for). */
  crews: {
    mardikaToday: [
      {
        fullName: 'Agustinus Wattimena',
        nik: '8171010203880011',
        birthDate: '1988-03-02',
        sex: 'M',
        home: { lat: -3.6902, lng: 128.1897 },
      },
      {
        fullName: 'Ronald Pelupessy',
        nik: '8171011107910012',
        birthDate: '1991-07-11',
        sex: 'M',
        home: { lat: -3.6951, lng: 128.1866 },
      },
      {
        fullName: 'Abdullah Tuasikal',
        nik: '8171012512840013',
        birthDate: '1984-12-25',
        sex: 'M',
        home: { lat: -3.6874, lng: 128.1958 },
      },
      {
        fullName: 'Samuel Leiwakabessy',
        nik: '8171010906930014',
        birthDate: '1993-06-09',
        sex: 'M',
        home: { lat: -3.699, lng: 128.181 },
      },
    ],
    rumahSinggahToday: [
      {
        fullName: 'Meity Latumahina',
        nik: '8171034101900021',
        birthDate: '1990-01-01',
        sex: 'F',
        home: { lat: -3.7042, lng: 128.1688 },
      },
      {
        fullName: 'Hasan Lessy',
        nik: '8171031405870022',
        birthDate: '1987-05-14',
        sex: 'M',
        home: { lat: -3.7088, lng: 128.173 },
      },
      {
        fullName: 'Grace Sopacua',
        nik: '8171035208960023',
        birthDate: '1996-08-12',
        sex: 'F',
        home: { lat: -3.7011, lng: 128.1669 },
      },
    ],
    mardikaYesterday: [
      {
        fullName: 'Yusuf Wally',
        nik: '8171010304850031',
        birthDate: '1985-04-03',
        sex: 'M',
        home: { lat: -3.6915, lng: 128.193 },
      },
      {
        fullName: 'Daniel Matulessy',
        nik: '8171011709890032',
        birthDate: '1989-09-17',
        sex: 'M',
        home: { lat: -3.696, lng: 128.1901 },
      },
      {
        fullName: 'Frans Siahaya',
        nik: '8171012801920033',
        birthDate: '1992-01-28',
        sex: 'M',
        home: { lat: -3.6938, lng: 128.1949 },
      },
    ],
  } satisfies Record<string, CreatePersonDto[]>,

  /** The misuse cases (src/database/demo-misuse.ts): one person per case, so each signal points at its own. */
  misuse: {
    outsideAndLate: {
      fullName: 'Marthen Tahapary',
      nik: '8171010101870041',
      birthDate: '1987-01-01',
      sex: 'M',
      caseNumber: '81/Pid.C/2026/PN Amb',
    },
    holidayOpened: {
      fullName: 'Pieter Sahusilawane',
      nik: '8171010202880042',
      birthDate: '1988-02-02',
      sex: 'M',
      caseNumber: '82/Pid.C/2026/PN Amb',
    },
    newAccount: {
      fullName: 'Yakob Lekatompessy',
      nik: '8171010303890043',
      birthDate: '1989-03-03',
      sex: 'M',
      caseNumber: '83/Pid.C/2026/PN Amb',
    },
    reversal: {
      fullName: 'Lodewyk Nanlohy',
      nik: '8171010404900044',
      birthDate: '1990-04-04',
      sex: 'M',
      caseNumber: '84/Pid.C/2026/PN Amb',
    },
    offDuty: {
      fullName: 'Hendrik Pattinama',
      nik: '8171010505910045',
      birthDate: '1991-05-05',
      sex: 'M',
      caseNumber: '85/Pid.C/2026/PN Amb',
    },
    burst: {
      fullName: 'Andi Saputra',
      nik: '1572010606920046',
      birthDate: '1992-06-06',
      sex: 'M',
      caseNumber: '31/Pid.C/2026/PN Spn',
    },
  } satisfies Record<string, CreatePersonDto & { caseNumber: string }>,

  /** An account the misuse story makes, and uses within hours (the `new_account_sign_off` signal). */
  newAccount: { username: 'pk3.ambon', fullName: 'Ronny Tuanakotta', role: 'supervisor', agency: 'BAPAS-AMBON' },
};
