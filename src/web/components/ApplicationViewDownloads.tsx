import { Button, Dropdown } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { m } from '../i18n';

const t = m.review.downloads;
const enc = encodeURIComponent;

/** The documents of an application: the PDF laid out like the attachments (with code and QR), the 申报书 in Word. */
export function ApplicationViewDownloads({ id }: { id: string }) {
  const items = [
    {
      key: 'pdf-view',
      label: (
        <a href={`/api/applications/${enc(id)}/pdf?disposition=inline`} target="_blank" rel="noopener">
          {t.pdfView}
        </a>
      ),
    },
    { key: 'pdf', label: <a href={`/api/applications/${enc(id)}/pdf`}>{t.pdf}</a> },
    { key: 'docx', label: <a href={`/api/applications/${enc(id)}/narrative.docx`}>{t.narrativeDocx}</a> },
  ];
  return (
    <Dropdown menu={{ items }} trigger={['click']}>
      <Button icon={<DownloadOutlined />}>{t.button}</Button>
    </Dropdown>
  );
}

/** The documents of a dispatch: the 推荐函 and attachment-5 pledge (PDF, Word) and the whole package (ZIP). */
export function DispatchDownloads({ id, signed, level }: { id: string; signed: boolean; level: 'city' | 'province' }) {
  const base = `/api/dispatches/${enc(id)}`;
  const items = [
    { key: 'letter-pdf', label: <a href={`${base}/letter.pdf`}>{t.letterPdf}</a> },
    { key: 'letter-docx', label: <a href={`${base}/letter.docx`}>{t.letterDocx}</a> },
    ...(level === 'city' && signed
      ? [
          { key: 'pledge-pdf', label: <a href={`${base}/pledge.pdf`}>{t.pledgePdf}</a> },
          { key: 'pledge-docx', label: <a href={`${base}/pledge.docx`}>{t.pledgeDocx}</a> },
        ]
      : []),
    { key: 'zip', label: <a href={`${base}/package.zip`}>{t.packageZip}</a> },
  ];
  return (
    <Dropdown menu={{ items }} trigger={['click']}>
      <Button icon={<DownloadOutlined />}>{t.button}</Button>
    </Dropdown>
  );
}
