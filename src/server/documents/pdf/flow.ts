import type PDFDocumentClass from 'pdfkit';
import type QRCodeModule from 'qrcode';
import { pdfFont } from '../fonts.js';
import { drawLayout, drawLine } from './drawText.js';
import { layoutText, type Doc, type Inline, type Layout } from './text.js';

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Official-document margins (about 2.2 cm at the sides), with room at the foot for the verification block. */
export const DEFAULT_MARGINS: Margins = { top: 68, right: 62, bottom: 86, left: 62 };

/** Body text: 五号 (10.5 pt) in tables, 小四 (12 pt) in running text. */
export const SIZES = { title: 18, h1: 14, h2: 12.5, body: 12, table: 10.5, small: 8.5 } as const;

export interface PdfInfo {
  title: string;
  subject?: string;
  keywords?: string;
  /** Fixed so that the same input gives the same document (pdfkit would take the wall clock). */
  creationDate: Date;
}

let loaded: { PDFDocument: typeof PDFDocumentClass; QRCode: typeof QRCodeModule } | undefined;

/**
 * pdfkit and qrcode, imported on first use rather than when the server starts (together ~25 MB of the
 * idle server's memory, issue 7; a server that never renders a PDF never loads them).
 */
async function pdfLibraries() {
  if (!loaded) {
    const [pdfkit, qrcode] = await Promise.all([import('pdfkit'), import('qrcode')]);
    loaded = { PDFDocument: pdfkit.default, QRCode: qrcode.default };
  }
  return loaded;
}

/**
 * A new A4 document with the CJK fonts registered as "regular" and "bold". Pages are buffered so that
 * headers, footers and "第 N 页 共 M 页" can be drawn once the page count is known. Page margins are
 * zero for pdfkit, so it never breaks a page on its own: Flow decides every break.
 */
export async function createPdf(info: PdfInfo): Promise<Doc> {
  const { PDFDocument } = await pdfLibraries();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'zh-CN',
    displayTitle: true,
    // pdfkit hashes every info entry into the file ID, so none may be undefined.
    info: Object.fromEntries(
      Object.entries({
        Title: info.title,
        Subject: info.subject,
        Keywords: info.keywords,
        Creator: '专业化众创空间备案申报推荐系统',
        Producer: '专业化众创空间备案申报推荐系统',
        CreationDate: info.creationDate,
        ModDate: info.creationDate,
      }).filter(([, v]) => v !== undefined && v !== ''),
    ),
  });
  // Fonts parsed once per process (fonts.ts); pdfkit accepts a fontkit font where its types say file.
  doc.registerFont('regular', pdfFont('regular') as unknown as Buffer);
  doc.registerFont('bold', pdfFont('bold') as unknown as Buffer);
  doc.font('regular');
  return doc;
}

/** Collects a finished document into one buffer. */
export function pdfToBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export interface ParagraphOptions {
  size?: number;
  /** First-line indent in characters (Chinese running text: 2). */
  indent?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** Space after, in points. */
  after?: number;
  /** Left offset from the flow's left edge, in points (lists, quotes). */
  inset?: number;
  /** Keep with the next this many points (headings are not left alone at a page foot). */
  keepWithNext?: number;
}

/**
 * The vertical cursor of a document: writes blocks one after another and starts a new page when the
 * next line would cross the bottom margin.
 */
export class Flow {
  y: number;
  readonly margins: Margins;
  constructor(
    readonly doc: Doc,
    margins: Margins = DEFAULT_MARGINS,
  ) {
    this.margins = margins;
    this.y = margins.top;
  }

  get left(): number {
    return this.margins.left;
  }
  get width(): number {
    return A4.width - this.margins.left - this.margins.right;
  }
  get bottom(): number {
    return A4.height - this.margins.bottom;
  }
  get pageHeight(): number {
    return this.bottom - this.margins.top;
  }

  newPage(): void {
    this.doc.addPage({ size: 'A4', margin: 0 });
    this.y = this.margins.top;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom + 0.01 && this.y > this.margins.top) this.newPage();
  }

  gap(points: number): void {
    this.y = Math.min(this.y + points, this.bottom);
  }

  layout(inlines: readonly Inline[], opts: ParagraphOptions = {}): Layout {
    const size = opts.size ?? SIZES.body;
    return layoutText(this.doc, inlines, {
      width: this.width - (opts.inset ?? 0),
      size,
      indent: (opts.indent ?? 0) * size,
      justify: (opts.align ?? 'justify') === 'justify',
    });
  }

  /** Writes a paragraph, line by line across pages. */
  paragraph(inlines: readonly Inline[], opts: ParagraphOptions = {}): void {
    const layout = this.layout(inlines, opts);
    const x0 = this.left + (opts.inset ?? 0);
    const w = this.width - (opts.inset ?? 0);
    this.ensure(
      Math.min(layout.lineHeight * Math.min(layout.lines.length, 2), layout.height) + (opts.keepWithNext ?? 0),
    );
    for (const line of layout.lines) {
      this.ensure(layout.lineHeight);
      const dx = opts.align === 'center' ? (w - line.width) / 2 : opts.align === 'right' ? w - line.width : 0;
      drawLine(this.doc, line, x0 + dx, this.y, layout);
      this.y += layout.lineHeight;
    }
    this.y += opts.after ?? 0;
  }

  /** A thin horizontal rule across the text width. */
  rule(color = '#999999', width = 0.6): void {
    this.doc
      .save()
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.width, this.y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke()
      .restore();
  }
}

/** Draws inline content at a fixed place, outside the flow (headers, footers, table cells). */
export function drawInlines(
  doc: Doc,
  inlines: readonly Inline[],
  x: number,
  y: number,
  width: number,
  size: number,
  align: 'left' | 'center' | 'right' = 'left',
): Layout {
  const layout = layoutText(doc, inlines, { width, size });
  if (align === 'left') drawLayout(doc, layout, x, y);
  else {
    layout.lines.forEach((line, i) => {
      const dx = align === 'center' ? (width - line.width) / 2 : width - line.width;
      drawLine(doc, line, x + dx, y + i * layout.lineHeight, layout);
    });
  }
  return layout;
}

/** A QR code drawn as vector squares (crisp at any zoom and in print). */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  // createPdf loaded qrcode with pdfkit: there is no document to draw on before it.
  const qr = loaded!.QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + quiet * 2);
  doc.save().rect(x, y, size, size).fill('white');
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      let end = c;
      while (end < n && qr.modules.get(r, end)) end++;
      // A run of dark modules as one rectangle, slightly overlapping to avoid hairline seams.
      doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, (end - c) * cell + 0.05, cell + 0.05);
      c = end;
    }
  }
  doc.fill('black').restore();
}

/** A large, faint, diagonal word across the page (草稿). */
export function drawWatermark(doc: Doc, word: string): void {
  const cx = A4.width / 2;
  const cy = A4.height / 2;
  doc.save();
  doc.rotate(-35, { origin: [cx, cy] });
  doc.font('bold').fontSize(150).fillColor('#b00000').fillOpacity(0.12);
  const w = doc.widthOfString(word);
  doc.text(word, cx - w / 2, cy - 110, { lineBreak: false });
  doc.restore();
  doc.fillOpacity(1).fillColor('black');
}
