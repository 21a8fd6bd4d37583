import type { RolePage } from '../../routes';
import { BatchDetailPage } from './BatchDetailPage';
import { BatchListPage } from './BatchListPage';
import { BATCHES_PATH } from './paths';
import { BATCH_PAGE_ROLES } from './permissions';
import '../review/status-tags.css';
import './batches.css';

/** 批次管理: the system administrator manages batches; the workflow roles set and extend their deadlines. */
export const batchPages: RolePage[] = [
  { path: BATCHES_PATH, roles: BATCH_PAGE_ROLES, element: <BatchListPage /> },
  { path: `${BATCHES_PATH}/:id`, roles: BATCH_PAGE_ROLES, element: <BatchDetailPage /> },
];
