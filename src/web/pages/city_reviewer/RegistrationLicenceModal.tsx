import { Alert, Button, Descriptions, Flex, Modal, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { registrationLicenceUrl, type Registration } from '../../api/registrations-review';
import { fmt, m } from '../../i18n';

const t = m.review.registrations;

/**
 * What the city verifies a registration against: the unit's name, USCC, legal representative and
 * address beside its 营业执照 (an image inline, a PDF as a link to the browser's viewer).
 */
export function RegistrationLicenceModal({
  registration: r,
  onClose,
}: {
  registration: Registration | null;
  onClose: () => void;
}) {
  const licence = r?.licence ?? null;
  return (
    <Modal
      open={r !== null}
      title={r ? fmt(t.licenceTitle, { unit: r.unitName }) : ''}
      onCancel={onClose}
      width={920}
      footer={<Button onClick={onClose}>{m.common.close}</Button>}
      destroyOnHidden
    >
      {r ? (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t.licenceHint}</Typography.Text>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'unitName', label: t.unitName, children: r.unitName },
              { key: 'uscc', label: t.uscc, children: <span className="value-nowrap">{r.uscc}</span> },
              { key: 'legalRep', label: t.legalRepresentative, children: r.legalRepresentative ?? t.notGiven },
              { key: 'address', label: t.address, children: r.address ?? t.notGiven },
            ]}
          />
          {!licence ? (
            <Alert type="warning" showIcon title={t.noLicence} />
          ) : licence.mime.startsWith('image/') ? (
            <img
              className="registration-licence-image"
              src={registrationLicenceUrl(r.id)}
              alt={fmt(t.licenceImage, { unit: r.unitName })}
              // A scan is shown whole (to read the code and name), never enlarged beyond its pixels.
              style={{
                display: 'block',
                maxWidth: '100%',
                maxHeight: '65vh',
                margin: '0 auto',
                border: '1px solid #d9d9d9',
                borderRadius: 4,
              }}
            />
          ) : (
            // The app forbids framing (frame-ancestors 'none'): the PDF opens in the browser's own viewer.
            <a href={registrationLicenceUrl(r.id)} target="_blank" rel="noopener noreferrer">
              <FilePdfOutlined aria-hidden style={{ marginRight: 6 }} />
              {t.openPdf}：{licence.fileName}
            </a>
          )}
        </Flex>
      ) : null}
    </Modal>
  );
}
