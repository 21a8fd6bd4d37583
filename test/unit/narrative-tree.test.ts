import { describe, expect, it } from 'vitest';
import { stripWordBullet } from '../../src/domain/narrative/schema.js';
import { blockImageIds, blocksText, parseHtml, type Block } from '../../src/server/documents/html.js';
import { imageData } from '../../src/server/documents/images.js';
import { renderNarrativeDocx } from '../../src/server/documents/narrativeDocx.js';
import { listZip, unzipEntry } from '../helpers/documents.js';

/** The tree the PDF and the Word 申报书 both render, read from stored narrative HTML. */

const FILE = '0b8e8c1e-1111-4222-8333-944444444444';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const list = (b: Block | undefined) => b as Extract<Block, { type: 'list' }>;

describe('narrative tree (htmlparser2, the schema vocabulary)', () => {
  it('reads an uploaded image by its file id, and keeps a data: src only for frozen older versions', () => {
    const blocks = parseHtml(
      `<p>甲<img data-file-id="${FILE.toUpperCase()}" src="/api/applications/a/files/${FILE}" alt="场地" width="300"></p>` +
        '<img src="data:image/png;base64,AA" alt="旧"><img src="/api/exports/applications.xlsx">',
    );
    expect(blocks).toEqual([
      { type: 'paragraph', runs: [{ text: '甲' }] },
      { type: 'image', fileId: FILE, src: `/api/applications/a/files/${FILE}`, alt: '场地', width: 300 },
      { type: 'image', fileId: null, src: 'data:image/png;base64,AA', alt: '旧' },
      { type: 'image', fileId: null, src: '/api/exports/applications.xlsx', alt: '' },
    ]);
    expect(blockImageIds(blocks)).toEqual([FILE]);
    const images = new Map([[FILE, PNG]]);
    expect(imageData(blocks[1] as never, images)).toBe(PNG);
    // A file id the application does not have draws nothing; an address is never fetched.
    expect(imageData(blocks[1] as never, new Map())).toBeNull();
    expect(imageData(blocks[2] as never, images)?.length).toBe(1);
    expect(imageData(blocks[3] as never, images)).toBeNull();
  });

  it("reads aliases as the sanitiser does and skips hidden elements' text", () => {
    const blocks = parseHtml('<div><b>粗</b><i>斜</i><del>删</del></div><style>p{}</style><script>x</script>');
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        runs: [
          { text: '粗', bold: true },
          { text: '斜', italic: true },
          { text: '删', strike: true },
        ],
      },
    ]);
  });

  it("drops Word's bullet character in front of bullet items, not numbers in ordered ones (issue 17)", () => {
    const blocks = parseHtml(
      '<ul><li>• 甲</li><li><p>·&nbsp;乙</p></li><li>o 丙</li><li>丁 • 戊</li></ul><ol><li>1. 一</li></ol>',
    );
    expect(list(blocks[0]).items.map((i) => blocksText(i))).toEqual(['甲', '乙', '丙', '丁 • 戊']);
    expect(blocksText(list(blocks[1]).items[0]!)).toBe('1. 一');
    expect(stripWordBullet('\uf0b7\u00a0项')).toBe('项');
    expect(stripWordBullet('open')).toBe('open');
  });

  it('reads tables with header cells, spans within bounds and cells outside rows', () => {
    const blocks = parseHtml('<table><thead><tr><th colspan="99">头</th></tr></thead><td rowspan="3">散</td></table>');
    const table = blocks[0] as Extract<Block, { type: 'table' }>;
    expect(table.rows.map((r) => r.map((c) => [c.header, c.colspan, c.rowspan, blocksText(c.blocks)]))).toEqual([
      [[true, 20, 1, '头']],
      [[false, 1, 3, '散']],
    ]);
  });
});

describe('Word 申报书 images', () => {
  it('embeds the uploaded image a section names, and prints ［图片］ for one it cannot resolve', async () => {
    const docx = await renderNarrativeDocx({
      content: {
        narrative: {
          hostOverview: `<p>见图：</p><p><img data-file-id="${FILE}" alt="场地"></p>`,
          currentStatus: '<p><img data-file-id="7c9e6679-7425-40de-944b-e07fc1f90ae7" alt="别家"></p>',
        },
      },
      number: null,
      unitName: '单位',
      images: new Map([[FILE, PNG]]),
    });
    const media = listZip(docx).filter((e) => e.name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(unzipEntry(docx, media[0]!.name).equals(PNG)).toBe(true);
    expect(unzipEntry(docx, 'word/document.xml').toString('utf8')).toContain('［图片：别家］');
  });
});
