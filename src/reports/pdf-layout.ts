import PDFDocument from 'pdfkit';
import type { Checkpoint } from '../audit/checkpoint.js';

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MONO = 'Courier';

/**
 * A thin layout on pdfkit for our documents: a header with the agency's name, titled sections, label–value
 * lines, tables that break across pages with their header repeated, and the audit checkpoint.
 */
export class PdfLayout {
  readonly doc: PDFKit.PDFDocument;
  private readonly done: Promise<Buffer>;

  constructor(options: { landscape?: boolean; title: string; checkpoint?: Checkpoint }) {
    this.doc = new PDFDocument({
      size: 'A4',
      layout: options.landscape ? 'landscape' : 'portrait',
      margin: 48,
      info: {
        Title: options.title,
        Producer: 'Bakti',
        // A machine-readable copy of the printed checkpoint, for POST /audit-events/checkpoints/verify.
        ...(options.checkpoint ? { Keywords: `bakti-checkpoint:${JSON.stringify(options.checkpoint)}` } : {}),
      },
    });
    const chunks: Buffer[] = [];
    this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  header(agencyName: string, subtitle: string): this {
    this.doc.font(BOLD).fontSize(13).text(agencyName.toUpperCase(), { align: 'center' });
    this.doc.font(FONT).fontSize(9).text(subtitle, { align: 'center' });
    const y = this.doc.y + 4;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(1.2)
      .stroke();
    this.doc.moveDown(1);
    return this;
  }

  title(text: string, ...lines: string[]): this {
    this.doc.font(BOLD).fontSize(12).text(text, this.left, this.doc.y, { align: 'center', width: this.width });
    for (const line of lines) this.doc.font(FONT).fontSize(9).text(line, { align: 'center', width: this.width });
    this.doc.moveDown(0.8);
    return this;
  }

  section(text: string): this {
    this.ensureSpace(40);
    this.doc.moveDown(0.4);
    this.doc.font(BOLD).fontSize(10).text(text, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
    return this;
  }

  paragraph(text: string): this {
    this.doc.font(FONT).fontSize(9.5).text(text, this.left, this.doc.y, { width: this.width, align: 'justify' });
    this.doc.moveDown(0.4);
    return this;
  }

  fields(pairs: [string, string][], labelWidth = 170): this {
    for (const [label, value] of pairs) {
      this.doc.font(FONT).fontSize(9.5);
      const height = Math.max(this.doc.heightOfString(value, { width: this.width - labelWidth }), 12);
      this.ensureSpace(height);
      const y = this.doc.y;
      this.doc.text(label, this.left, y, { width: labelWidth - 8 });
      this.doc.text(`: ${value}`, this.left + labelWidth, y, { width: this.width - labelWidth });
      this.doc.y = Math.max(this.doc.y, y + height);
    }
    return this;
  }

  table(columns: Column[], rows: string[][], footer?: string[]): this {
    const scale = this.width / columns.reduce((sum, column) => sum + column.width, 0);
    const widths = columns.map((column) => column.width * scale);
    const font = (bold: boolean) => this.doc.font(bold ? BOLD : FONT).fontSize(bold ? 7.5 : 8.5);
    const line = (cells: string[], bold: boolean) => {
      font(bold);
      const height = Math.max(...cells.map((cell, i) => this.doc.heightOfString(cell, { width: widths[i] - 6 }))) + 6;
      if (this.ensureSpace(height) && !bold)
        line(
          columns.map((column) => column.header),
          true,
        );
      font(bold);
      const y = this.doc.y;
      let x = this.left;
      cells.forEach((cell, i) => {
        this.doc.rect(x, y, widths[i], height).lineWidth(0.5).stroke();
        this.doc.text(cell, x + 3, y + 3, { width: widths[i] - 6, align: columns[i].align ?? 'left' });
        x += widths[i];
      });
      this.doc.y = y + height;
    };
    line(
      columns.map((column) => column.header),
      true,
    );
    for (const row of rows) line(row, false);
    if (footer) line(footer, true);
    this.doc.x = this.left;
    this.doc.moveDown(0.5);
    return this;
  }

  /** the checkpoint as signed (its heads follow in `heads`, for a check of this paper against the database). */
  checkpoint(checkpoint: Checkpoint): this {
    this.fields([
      ['ID checkpoint', checkpoint.id],
      ['Waktu checkpoint (UTC)', checkpoint.at],
      ['Jumlah peristiwa audit', String(checkpoint.eventCount)],
    ]);
    this.doc.font(FONT).fontSize(9.5).text('Tanda tangan (HMAC-SHA256):', this.left, this.doc.y);
    this.doc.font(MONO).fontSize(8).text(checkpoint.signature, { width: this.width });
    if (checkpoint.prevSignature) {
      this.doc.font(FONT).fontSize(9.5).text('Tanda tangan checkpoint sebelumnya:');
      this.doc.font(MONO).fontSize(8).text(checkpoint.prevSignature, { width: this.width });
    }
    this.doc.moveDown(0.5);
    return this;
  }

  heads(checkpoint: Checkpoint): this {
    this.doc.font(FONT).fontSize(9.5).text('chain, seq, jumlah peristiwa, hash:', this.left, this.doc.y);
    this.doc.font(MONO).fontSize(6.5);
    for (const head of checkpoint.heads) {
      this.ensureSpace(9);
      this.doc.text(
        `${String(head.chain).padStart(2)} ${head.seq.padStart(8)} ${String(head.count).padStart(7)} ${head.hash}`,
        this.left,
      );
    }
    this.doc.moveDown(0.5);
    return this;
  }

  signatures(blocks: { role: string; name: string | null }[]): this {
    this.ensureSpace(110);
    this.doc.moveDown(1);
    const y = this.doc.y;
    const width = this.width / blocks.length;
    blocks.forEach((block, i) => {
      const x = this.left + i * width;
      this.doc.font(FONT).fontSize(9.5).text(block.role, x, y, { width, align: 'center' });
      this.doc.text(`(${block.name ?? '..............................'})`, x, y + 70, { width, align: 'center' });
    });
    this.doc.y = y + 90;
    this.doc.x = this.left;
    return this;
  }

  footnote(text: string): this {
    this.ensureSpace(24);
    this.doc.font(FONT).fontSize(7.5).fillColor('#444444').text(text, this.left, this.doc.y, { width: this.width });
    this.doc.fillColor('black');
    return this;
  }

  finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }

  /** Starts a new page when fewer than `height` points are left; answers whether it did. */
  private ensureSpace(height: number): boolean {
    if (this.doc.y + height <= this.doc.page.height - this.doc.page.margins.bottom) return false;
    this.doc.addPage();
    return true;
  }
}
