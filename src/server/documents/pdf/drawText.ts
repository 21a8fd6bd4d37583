import { weightOf, type Doc, type Layout, type Line, type TextStyle } from './text.js';

/* Drawing laid-out text (layoutText's lines) and check boxes onto the page. */

/** Draws one laid-out line with its top at y. */
export function drawLine(doc: Doc, line: Line, x: number, y: number, layout: Layout): void {
  // Text is drawn from the top of its line box; centre the glyphs in the leading.
  const pad = (layout.lineHeight - layout.size * 1.16) / 2;
  let i = 0;
  while (i < line.atoms.length) {
    const a = line.atoms[i]!;
    const s = a.style.size ?? layout.size;
    if (a.kind === 'box') {
      drawBox(doc, x + a.x, y + pad, s, !!a.checked);
      i++;
      continue;
    }
    // Draw consecutive atoms of the same style as one string.
    let j = i + 1;
    let text = a.text;
    while (j < line.atoms.length && line.atoms[j]!.kind !== 'box' && sameStyle(line.atoms[j]!.style, a.style)) {
      text += line.atoms[j]!.text;
      j++;
    }
    if (text.trim()) {
      doc
        .font(weightOf(a.style))
        .fontSize(s)
        .fillColor(a.style.color ?? 'black')
        .text(text, x + a.x, y + pad + (layout.size - s) * 0.8, {
          lineBreak: false,
          characterSpacing: line.spacing,
          underline: !!a.style.underline,
          strike: !!a.style.strike,
          oblique: a.style.italic ? 10 : false,
        });
    }
    i = j;
  }
  doc.fillColor('black');
}

const sameStyle = (a: TextStyle, b: TextStyle) =>
  !!a.bold === !!b.bold &&
  !!a.italic === !!b.italic &&
  !!a.underline === !!b.underline &&
  !!a.strike === !!b.strike &&
  a.size === b.size &&
  a.color === b.color;

/**
 * A check box as on the printed form. The box and the tick are glyphs of the embedded font (□ and ✓),
 * so that pdftotext shows "□✓是" for a ticked and "□否" for an empty box.
 */
export function drawBox(doc: Doc, x: number, y: number, size: number, checked: boolean): void {
  doc.font('regular').fontSize(size).fillColor('black').text('□', x, y, { lineBreak: false });
  if (checked) {
    doc
      .font('bold')
      .fontSize(size * 0.95)
      .text('✓', x + size * 0.1, y - size * 0.02, { lineBreak: false });
  }
}

/** Draws a whole layout with its top-left at (x, y), without page breaks (table cells, short blocks). */
export function drawLayout(doc: Doc, layout: Layout, x: number, y: number): void {
  layout.lines.forEach((line, i) => drawLine(doc, line, x, y + i * layout.lineHeight, layout));
}
