import { useParams } from 'react-router-dom';
import { useApplication } from '../../api/applications';
import { FullPageSpin } from '../../components/FullPageSpin';
import { LoadFailed } from '../../components/LoadFailed';
import { ApplicationEditor } from './ApplicationEditor';
import { isEditable } from './editorSteps';
import { StatusView } from './StatusView';
import './applicant.css';

/**
 * One application of the unit: the editor while the server allows submitting it (draft or returned,
 * before the deadline), otherwise the status view with the receipt and the timeline.
 */
export function ApplicationPage() {
  const { id } = useParams();
  const query = useApplication(id);
  if (query.isPending) return <FullPageSpin />;
  if (query.isError) return <LoadFailed error={query.error} onRetry={() => void query.refetch()} />;
  const detail = query.data;
  const editable = isEditable(detail);
  // Keyed by status: a return or a reopen starts a fresh editor on the server's content.
  return editable ? (
    <ApplicationEditor key={`${detail.id}:${detail.status}`} detail={detail} />
  ) : (
    <StatusView detail={detail} />
  );
}
