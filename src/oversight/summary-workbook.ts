import ExcelJS from 'exceljs';
import type { RegionalSummaryView } from './oversight.service.js';

const COLUMNS: [string, keyof RegionalSummaryView['bapas'][number], number][] = [
  ['Bapas', 'name', 34],
  ['Putusan mulai', 'ordersStarted', 10],
  ['Selesai', 'ordersCompleted', 10],
  ['Dilaporkan melanggar', 'ordersBreached', 12],
  ['Ditutup', 'ordersClosed', 10],
  ['Berjalan', 'ordersRunning', 10],
  ['Menit wajib', 'requiredMinutes', 12],
  ['Menit dikreditkan', 'creditedMinutes', 12],
  ['Selesai sebelum tanggal akhir (%)', 'completedBeforeEndPercent', 14],
  ['Tingkat ketidakhadiran (%)', 'absenceRatePercent', 14],
  ['Tingkat pelanggaran (%)', 'breachRatePercent', 14],
  ['Konfirmasi → pengesahan, median (menit)', 'signOffMedianMinutes', 16],
  ['Konfirmasi → pengesahan, p90 (menit)', 'signOffP90Minutes', 16],
  ['Konfirmasi menunggu pengesahan', 'openConfirmations', 14],
  ['Ketidakhadiran menunggu keputusan', 'openAbsences', 14],
];

/** The regional summary as a workbook (Indonesian), one row per Bapas: aggregates, nobody named. */
export async function summaryWorkbook(summary: RegionalSummaryView, printedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Bakti';
  workbook.created = printedAt;
  const sheet = workbook.addWorksheet('Ringkasan wilayah');
  sheet.columns = COLUMNS.map(([header, , width]) => ({ header, width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const bapas of summary.bapas) sheet.addRow(COLUMNS.map(([, key]) => bapas[key] ?? ''));
  const about = workbook.addWorksheet('Keterangan');
  about.columns = [{ width: 30 }, { width: 40 }];
  about.addRows([
    ['Bulan', summary.month],
    ['Wilayah', summary.region ?? 'semua'],
    ['Dicetak (UTC)', printedAt.toISOString()],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
