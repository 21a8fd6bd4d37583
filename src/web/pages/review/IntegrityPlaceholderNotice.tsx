import { Alert, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { INTEGRITY_PLACEHOLDER_MESSAGE } from '../../../domain/schemas/review.js';
import { useReviewConfig } from '../../api/review';
import { m } from '../../i18n';

const t = m.review.integrity;

/**
 * Tells the province (on the batch page and the configuration page) that the batch's integrity text
 * is still the placeholder, so no city can begin its review; the province officer gets a link to enter
 * the official text. Reviewers are told by the integrity gate instead. Nothing once the text is real.
 */
export function IntegrityPlaceholderNotice({ batchId, configPath }: { batchId: string; configPath?: string }) {
  const config = useReviewConfig(batchId);
  const navigate = useNavigate();
  const c = config.data;
  if (!c?.integrity.placeholder) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="integrity-placeholder"
      title={c.canEdit ? t.placeholderProvince : INTEGRITY_PLACEHOLDER_MESSAGE}
      description={c.canEdit ? t.placeholderProvinceDetail : undefined}
      action={
        c.canEdit && configPath ? (
          <Button size="small" type="primary" onClick={() => void navigate(configPath)}>
            {t.enterText}
          </Button>
        ) : undefined
      }
    />
  );
}
