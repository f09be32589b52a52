import type { Checkpoint } from '../audit/checkpoint.js';
import { localDate } from '../common/local-time.js';
import { PdfLayout } from './pdf-layout.js';
import type { CompletionData } from './report.repository.js';
import { dateLabel, instantLabel, rupiah } from './report-labels.js';
import { hoursAndMinutes } from './report.rules.js';

/**
 * the berita acara pelaksanaan pidana kerja sosial of a completed order, for the court file. The person by
 * name and case number only (no NIK, R-30); every credited shift with both signatures; the audit
 * checkpoint written at printing time, so the paper can be checked against the database later.
 */
export function completionReportPdf(
  data: CompletionData,
  checkpoint: Checkpoint,
  documentId: string,
  printedAt: Date,
): Promise<Buffer> {
  const { order, bapas } = data;
  const pdf = new PdfLayout({ title: `Berita Acara Pelaksanaan Pidana Kerja Sosial ${order.caseNumber}`, checkpoint });
  const today = localDate(printedAt, bapas.timezone);
  const replaced =
    order.replacedKind === 'imprisonment'
      ? `pidana penjara ${order.replacedDays} hari`
      : `pidana denda ${rupiah(order.replacedAmountRupiah!)}`;
  const total = data.shifts.reduce((sum, shift) => sum + shift.minutes, 0);

  pdf
    .header(bapas.name, 'Balai Pemasyarakatan: pembimbingan pidana kerja sosial')
    .title('BERITA ACARA PELAKSANAAN PIDANA KERJA SOSIAL', `Nomor dokumen: ${documentId}`)
    .paragraph(
      `Pada hari ini, ${dateLabel(today)}, yang bertanda tangan di bawah ini menerangkan bahwa pidana kerja sosial ` +
        `(Pasal 85 KUHP) atas putusan berikut telah selesai dilaksanakan dengan rincian sebagai berikut.`,
    )
    .section('I. Perkara')
    .fields([
      ['Nomor perkara', order.caseNumber],
      ['Pengadilan', order.courtName],
      ['Tanggal putusan', dateLabel(order.verdictDate)],
      ['Tanggal tindak pidana', dateLabel(order.offenseDate)],
      ['Kejaksaan Negeri', data.kejaksaan.name],
    ])
    .section('II. Terpidana')
    .fields([
      ['Nama', data.personName],
      ['Nomor perkara', order.caseNumber],
      ['Kategori', order.regime === 'child' ? 'Anak (pidana pelayanan masyarakat)' : 'Dewasa'],
      ['Pembimbing Kemasyarakatan', data.supervisorName],
    ])
    .section('III. Amar putusan')
    .fields([
      ['Jumlah jam kerja sosial', `${order.totalHours} jam`],
      ['Paling banyak per hari', `${order.maxHoursPerDay} jam`],
      ['Jangka waktu', `${dateLabel(order.startDate)} s.d. ${dateLabel(order.endDate)}`],
      ['Pidana yang diganti', replaced],
      ...(order.repeatMinutes > 0
        ? [['Diulang atas perintah jaksa', hoursAndMinutes(order.repeatMinutes)] as [string, string]]
        : []),
    ])
    .section('IV. Pelaksanaan (jam yang dikreditkan)')
    .table(
      [
        { header: 'No', width: 24, align: 'right' },
        { header: 'Tanggal', width: 80 },
        { header: 'Lokasi', width: 140 },
        { header: 'Menit', width: 44, align: 'right' },
        { header: 'Dikonfirmasi oleh (koordinator)', width: 115 },
        { header: 'Disahkan oleh (PK)', width: 115 },
      ],
      data.shifts.map((shift, i) => [
        String(i + 1),
        dateLabel(shift.date),
        shift.site,
        String(shift.minutes),
        shift.confirmedBy ?? '-',
        shift.signedOffBy ?? '-',
      ]),
      ['', 'Jumlah', `${data.shifts.length} sesi`, String(total), '', ''],
    )
    .fields([
      ['Jumlah yang dikreditkan', `${total} menit (${hoursAndMinutes(total)})`],
      ['Jumlah yang diwajibkan', `${order.requiredMinutes} menit (${hoursAndMinutes(order.requiredMinutes)})`],
      ['Selesai pada', order.completedAt ? instantLabel(order.completedAt, bapas.timezone) : '-'],
    ])
    .section('V. Jejak audit pada saat dicetak')
    .paragraph(
      `Dicetak ${instantLabel(printedAt, bapas.timezone)}. Checkpoint berikut ditandatangani oleh Bakti saat berita acara ini ` +
        `dicetak; salinan cetak dapat dicocokkan dengan basis data melalui POST /api/v1/audit-events/checkpoints/verify.`,
    )
    .checkpoint(checkpoint)
    .signatures([
      { role: 'Pembimbing Kemasyarakatan', name: data.supervisorName },
      { role: 'Koordinator / Kepala Bapas', name: null },
      { role: 'Jaksa', name: data.prosecutorName },
    ])
    .section('Lampiran: kepala rantai jejak audit pada checkpoint di atas')
    .heads(checkpoint);
  return pdf.finish();
}
