import ExcelJS from 'exceljs';
import type { Checkpoint } from '../audit/checkpoint.js';
import { PdfLayout } from './pdf-layout.js';
import type { AgencyRow, BreachLine, OrderLine, SiteLine } from './report.repository.js';
import { BREACH_GROUNDS, BREACH_STATUS, instantLabel, monthLabel, ORDER_STATUS } from './report-labels.js';
import { isAtRisk, type ReportFormat, toCsv } from './report.rules.js';

interface Table {
  /** The sheet's name in the workbook. */
  sheet: string;
  title: string;
  headers: string[];
  widths: number[];
  rows: (string | number)[][];
}

/** One report, whatever its format: the summary, its tables (the first is the CSV), the checkpoint. */
export interface MonthlyReport {
  agency: AgencyRow;
  month: string;
  printedAt: Date;
  documentId: string;
  summary: [string, string | number][];
  tables: Table[];
  checkpoint: Checkpoint;
  /** How many persons the report names (R-30, the export log). */
  personCount: number;
}

const ORDER_HEADERS = [
  'Nomor perkara',
  'Nama terpidana',
  'Status',
  'Wajib (menit)',
  'Kredit (menit)',
  'Sisa (menit)',
  'Kredit bulan ini (menit)',
  'Absen belum dinilai',
  'Absen dengan alasan sah',
  'Absen tanpa alasan sah',
  'Laporan pelanggaran',
  'Berisiko tidak selesai',
];

/** a Kejari's or a Bapas's orders in the month, as of printing. */
export function ordersReport(
  base: Omit<MonthlyReport, 'summary' | 'tables' | 'personCount'>,
  orders: OrderLine[],
  breaches: BreachLine[],
  today: string,
): MonthlyReport {
  const remaining = (order: OrderLine) => Math.max(order.requiredMinutes - order.creditedMinutes, 0);
  const atRisk = new Set(orders.filter((order) => isAtRisk({ ...order, remainingMinutes: remaining(order) }, today)));
  const count = (status: string) => orders.filter((order) => order.status === status).length;
  const sum = (pick: (order: OrderLine) => number) => orders.reduce((total, order) => total + pick(order), 0);
  const opened = new Map<string, number>();
  for (const { orderId } of breaches) opened.set(orderId, (opened.get(orderId) ?? 0) + 1);
  return {
    ...base,
    summary: [
      ['Jumlah putusan', orders.length],
      ['Berjalan', count('active')],
      ['Selesai', count('completed')],
      ['Dilaporkan melanggar', count('breached')],
      ['Ditutup (putusan jaksa)', count('closed')],
      ['Menit wajib', sum((order) => order.requiredMinutes)],
      ['Menit dikreditkan', sum((order) => order.creditedMinutes)],
      ['Menit tersisa', sum(remaining)],
      ['Dikreditkan bulan ini (menit)', sum((order) => order.creditedInMonth)],
      ['Ketidakhadiran bulan ini', sum((order) => order.absent + order.excused + order.unexcused)],
      ['  belum dinilai', sum((order) => order.absent)],
      ['  berhalangan sah', sum((order) => order.excused)],
      ['  tanpa alasan sah', sum((order) => order.unexcused)],
      ['Laporan pelanggaran dibuka bulan ini', breaches.length],
      ['Putusan berisiko tidak selesai', atRisk.size],
    ],
    tables: [
      {
        sheet: 'Putusan',
        title: 'Putusan',
        headers: ORDER_HEADERS,
        widths: [130, 120, 80, 52, 52, 52, 60, 56, 60, 60, 66, 56],
        rows: orders.map((order) => [
          order.caseNumber,
          order.personName,
          ORDER_STATUS[order.status],
          order.requiredMinutes,
          order.creditedMinutes,
          remaining(order),
          order.creditedInMonth,
          order.absent,
          order.excused,
          order.unexcused,
          opened.get(order.id) ?? 0,
          atRisk.has(order) ? 'Ya' : 'Tidak',
        ]),
      },
      {
        sheet: 'Pelanggaran',
        title: 'Laporan pelanggaran dibuka bulan ini',
        headers: ['Nomor perkara', 'Nama terpidana', 'Dasar', 'Status', 'Dibuka'],
        widths: [100, 120, 200, 70, 120],
        rows: breaches.map((breach) => [
          breach.caseNumber,
          breach.personName,
          BREACH_GROUNDS[breach.grounds],
          BREACH_STATUS[breach.status],
          instantLabel(breach.openedAt, base.agency.timezone),
        ]),
      },
    ],
    personCount: new Set(orders.map((order) => order.personId)).size,
  };
}

/** the work done at an OPD's sites in the month (counts only: nobody is named). */
export function sitesReport(
  base: Omit<MonthlyReport, 'summary' | 'tables' | 'personCount'>,
  sites: SiteLine[],
  persons: number,
): MonthlyReport {
  const sum = (pick: (site: SiteLine) => number) => sites.reduce((total, site) => total + pick(site), 0);
  return {
    ...base,
    summary: [
      ['Jumlah lokasi', sites.length],
      ['Sesi dengan pekerjaan', sum((site) => site.shifts)],
      ['Terpidana yang bekerja', persons],
      ['Menit dikonfirmasi koordinator', sum((site) => site.confirmedMinutes)],
      ['Menit dikreditkan', sum((site) => site.creditedMinutes)],
      ['Ketidakhadiran', sum((site) => site.absences)],
    ],
    tables: [
      {
        sheet: 'Lokasi',
        title: 'Pekerjaan per lokasi',
        headers: ['Lokasi', 'Sesi', 'Terpidana', 'Menit dikonfirmasi', 'Menit dikreditkan', 'Ketidakhadiran'],
        widths: [200, 60, 60, 80, 80, 70],
        rows: sites.map((site) => [
          site.siteName,
          site.shifts,
          site.persons,
          site.confirmedMinutes,
          site.creditedMinutes,
          site.absences,
        ]),
      },
    ],
    personCount: 0,
  };
}

const KIND_TITLE: Record<string, string> = {
  kejaksaan: 'LAPORAN BULANAN PENGAWASAN PIDANA KERJA SOSIAL',
  bapas: 'LAPORAN BULANAN PEMBIMBINGAN PIDANA KERJA SOSIAL',
  opd: 'LAPORAN BULANAN PELAKSANAAN KERJA SOSIAL DI LOKASI',
};

export function renderMonthly(report: MonthlyReport, format: ReportFormat): Promise<Buffer> {
  if (format === 'csv') return Promise.resolve(monthlyCsv(report));
  return format === 'xlsx' ? monthlyXlsx(report) : monthlyPdf(report);
}

function heading(report: MonthlyReport): string[] {
  return [
    `Bulan: ${monthLabel(report.month)}`,
    `Dicetak: ${instantLabel(report.printedAt, report.agency.timezone)}`,
    `Nomor dokumen: ${report.documentId}`,
  ];
}

/** The main table; a UTF-8 byte-order mark so that spreadsheet programs read the names right. */
function monthlyCsv(report: MonthlyReport): Buffer {
  const [table] = report.tables;
  return Buffer.from(`\uFEFF${toCsv([table.headers, ...table.rows])}`, 'utf8');
}

async function monthlyXlsx(report: MonthlyReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Bakti';
  workbook.created = report.printedAt;
  const summary = workbook.addWorksheet('Ringkasan');
  summary.columns = [{ width: 40 }, { width: 60 }];
  summary.addRow([KIND_TITLE[report.agency.kind]]).font = { bold: true };
  summary.addRow(['Instansi', report.agency.name]);
  for (const line of heading(report)) summary.addRow(line.split(': '));
  summary.addRow([]);
  for (const [label, value] of report.summary) summary.addRow([label, value]);
  for (const table of report.tables) {
    const sheet = workbook.addWorksheet(table.sheet);
    sheet.columns = table.headers.map((header, i) => ({ header, width: Math.round(table.widths[i] / 5) + 4 }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of table.rows) sheet.addRow(row);
  }
  const audit = workbook.addWorksheet('Checkpoint audit');
  audit.columns = [{ width: 30 }, { width: 70 }];
  audit.addRows([
    ['ID checkpoint', report.checkpoint.id],
    ['Waktu checkpoint (UTC)', report.checkpoint.at],
    ['Jumlah peristiwa audit', report.checkpoint.eventCount],
    ['Tanda tangan (HMAC-SHA256)', report.checkpoint.signature],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function monthlyPdf(report: MonthlyReport): Promise<Buffer> {
  const pdf = new PdfLayout({
    landscape: true,
    title: `${KIND_TITLE[report.agency.kind]} ${report.month}`,
    checkpoint: report.checkpoint,
  });
  pdf
    .header(report.agency.name, 'Laporan berkala pelaksanaan pidana kerja sosial (Pasal 85 KUHP)')
    .title(KIND_TITLE[report.agency.kind], ...heading(report));
  pdf.section('Ringkasan').fields(
    report.summary.map(([label, value]) => [label, String(value)]),
    260,
  );
  for (const table of report.tables) {
    pdf.section(table.title);
    if (table.rows.length === 0) pdf.paragraph('Tidak ada.');
    else
      pdf.table(
        table.headers.map((header, i) => ({
          header,
          width: table.widths[i],
          align: typeof table.rows[0][i] === 'number' ? 'right' : 'left',
        })),
        table.rows.map((row) => row.map(String)),
      );
  }
  pdf.section('Checkpoint jejak audit terakhir').checkpoint(report.checkpoint);
  pdf.footnote(
    'Status dan sisa jam per saat dicetak. Berisiko tidak selesai: sisa menit melebihi batas harian dikali hari kerja (Senin sampai Sabtu) ' +
      'sampai akhir jangka waktu. Ketidakhadiran dan laporan pelanggaran menurut waktu pencatatannya dalam bulan ini.',
  );
  return pdf.finish();
}
