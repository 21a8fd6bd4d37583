import { AlignmentType, Paragraph, TextRun } from 'docx';
import { NARRATIVE_TITLE, narrativeOutline, type DraftContent, type OutlineHeading } from '../../domain/application.js';
import { body, docxToBuffer, FONTS, HALF_POINTS, officialDocument, title } from './docx/common.js';
import { blocksToDocx } from './docx/richText.js';
import { chineseNumeral } from './format.js';
import { parseHtml } from './html.js';

/**
 * The 申报书 (attachment 3) as a Word file, for applicants who polish it offline: the outline's
 * headings (一、… in 黑体, 1. … in 楷体), the sections' rich text, and the success cases.
 */

export interface NarrativeDocxInput {
  content: DraftContent;
  number: string | null;
  unitName: string;
  /** The narrative's uploaded images by file id (see loadNarrativeImages). */
  images?: ReadonlyMap<string, Buffer>;
}

const heading = (text: string, level: 1 | 2) =>
  new Paragraph({
    keepNext: true,
    indent: level === 2 ? { firstLine: HALF_POINTS.body * 20 } : undefined,
    spacing: { line: 560, before: level === 1 ? 120 : 0 },
    children: [
      new TextRun({
        text,
        font: level === 1 ? FONTS.heading : FONTS.subheading,
        size: HALF_POINTS.body,
        bold: level === 2,
      }),
    ],
  });

const unfilled = () => body('（未填写）');

function section(html: string | null | undefined, images: ReadonlyMap<string, Buffer> | undefined) {
  const blocks = html ? parseHtml(html) : [];
  return blocks.length ? blocksToDocx(blocks, { images }) : [unfilled()];
}

export async function renderNarrativeDocx(input: NarrativeDocxInput): Promise<Buffer> {
  const narrative = input.content.narrative ?? {};
  const children: ReturnType<typeof blocksToDocx> = [title(NARRATIVE_TITLE)];
  const spaceName = input.content.basicInfo?.spaceName ?? '';
  if (spaceName) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 240 },
        children: [new TextRun({ text: spaceName, font: FONTS.subheading, size: HALF_POINTS.body })],
      }),
    );
  }
  const write = (h: OutlineHeading, level: 1 | 2) => {
    children.push(heading(h.label, level));
    if (h.key === 'successCases') {
      const cases = (narrative.successCases ?? []).map((c) => c ?? {});
      if (!cases.length) children.push(unfilled());
      cases.forEach((c, i) => {
        children.push(
          new Paragraph({
            keepNext: true,
            indent: { firstLine: HALF_POINTS.body * 20 },
            spacing: { line: 560 },
            children: [
              new TextRun({
                text: `案例${chineseNumeral(i + 1)}：${c.title || '（未填写标题）'}`,
                font: FONTS.body,
                size: HALF_POINTS.body,
                bold: true,
              }),
            ],
          }),
          body(`案例主体：${c.subject || '（未填写）'}`),
          ...section(c.body, input.images),
        );
      });
    } else if (h.key) children.push(...section(narrative[h.key], input.images));
    for (const child of h.children ?? []) write(child, 2);
  };
  for (const h of narrativeOutline) write(h, 1);
  const doc = officialDocument({ title: spaceName ? `${spaceName} 申报书` : NARRATIVE_TITLE, children });
  return docxToBuffer(doc);
}
