import type { QueryClient } from '@tanstack/react-query';
import { applicationKey, fetchApplication, type ApplicationDetail } from '../../api/applications';
import { loader } from '../../loadable';

/**
 * The editor's steps as chunks of their own (the page opened on one step loads neither antd's date
 * picker nor Tiptap unless that step needs them). Imported by the entry (src/web/preload.ts) as well as
 * by the editor, so this module holds only the loaders.
 */
export const loadStep = {
  basicInfo: loader(() => import('../../forms/BasicInfoForm')),
  narrative: loader(() => import('./steps/NarrativeStep')),
  files: loader(() => import('./steps/FilesStep')),
  provincial: loader(() => import('./steps/ProvincialStep')),
  pledge: loader(() => import('./steps/PledgeStep')),
};
const STEP_ORDER = [loadStep.basicInfo, loadStep.narrative, loadStep.files, loadStep.provincial, loadStep.pledge];
export const STEP_COUNT = STEP_ORDER.length;

/** The step the editor shows for `?step=` (out of range or missing: the first). */
export const stepOf = (param: string | null): number => Math.min(Math.max(Number(param ?? 0) || 0, 0), STEP_COUNT - 1);

/** The editor is shown while the server allows submitting (draft or returned, before the deadline). */
export const isEditable = (detail: ApplicationDetail): boolean => detail.allowedActions.includes('submit');

/**
 * Fetches the application and, if the editor will show it, the code of the step the address opens, both
 * in parallel with the applicant's chunk, instead of one after the other once the page has rendered.
 */
export async function preloadEditor(queryClient: QueryClient, id: string, stepParam: string | null): Promise<void> {
  await queryClient.prefetchQuery({ queryKey: applicationKey(id), queryFn: () => fetchApplication(id) });
  const detail = queryClient.getQueryData<ApplicationDetail>(applicationKey(id));
  if (!detail || !isEditable(detail)) return;
  const step = stepOf(stepParam);
  await STEP_ORDER[step]!();
}
