import { Button, Dropdown, type MenuProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { m } from '../i18n';
import { useDownload } from './DownloadButton';

const t = m.review.downloads;
const enc = encodeURIComponent;

interface Item {
  key: string;
  label: string;
  url: string;
}

/** A 下载 button with a menu of produced files; each is fetched with progress (useDownload). */
function DownloadMenu({ items, extra = [] }: { items: Item[]; extra?: NonNullable<MenuProps['items']> }) {
  const download = useDownload();
  const menu: MenuProps = {
    items: [...extra, ...items.map(({ key, label }) => ({ key, label }))],
    onClick: ({ key }) => {
      const item = items.find((i) => i.key === key);
      if (item) void download.start(item.url, item.label);
    },
  };
  return (
    <>
      <Dropdown menu={menu} trigger={['click']} disabled={download.busy}>
        <Button icon={<DownloadOutlined />} loading={download.busy}>
          {t.button}
        </Button>
      </Dropdown>
      {download.modal}
    </>
  );
}

/** The documents of an application: the PDF laid out like the attachments (with code and QR), the 申报书 in Word. */
export function ApplicationViewDownloads({ id, opinionForms = false }: { id: string; opinionForms?: boolean }) {
  const base = `/api/applications/${enc(id)}`;
  // The officials' 审核意见表, one per level (issue 14).
  const forms = opinionForms
    ? (['city', 'acceptance', 'province'] as const).map((level) => ({
        key: `opinion-${level}`,
        label: m.opinions.forms[level],
        url: `${base}/opinion-form.pdf?level=${level}`,
      }))
    : [];
  return (
    <DownloadMenu
      extra={[
        {
          key: 'pdf-view',
          label: (
            <a href={`${base}/pdf?disposition=inline`} target="_blank" rel="noopener">
              {t.pdfView}
            </a>
          ),
        },
      ]}
      items={[
        { key: 'pdf', label: t.pdf, url: `${base}/pdf` },
        { key: 'docx', label: t.narrativeDocx, url: `${base}/narrative.docx` },
        ...forms,
      ]}
    />
  );
}

/** The documents of a dispatch: the 推荐函 and attachment-5 pledge (PDF, Word) and the whole package (ZIP). */
export function DispatchDownloads({ id, signed }: { id: string; signed: boolean; level: 'city' | 'province' }) {
  const base = `/api/dispatches/${enc(id)}`;
  return (
    <DownloadMenu
      items={[
        { key: 'letter-pdf', label: t.letterPdf, url: `${base}/letter.pdf` },
        { key: 'letter-docx', label: t.letterDocx, url: `${base}/letter.docx` },
        // Both levels sign the supervising department's pledge (the province since issue 14).
        ...(signed
          ? [
              { key: 'pledge-pdf', label: t.pledgePdf, url: `${base}/pledge.pdf` },
              { key: 'pledge-docx', label: t.pledgeDocx, url: `${base}/pledge.docx` },
            ]
          : []),
        { key: 'zip', label: t.packageZip, url: `${base}/package.zip` },
      ]}
    />
  );
}
