/** The batch management pages, shared by every role that sets something on a batch. */
export const BATCHES_PATH = '/manage/batches';
export const batchPath = (id: string) => `${BATCHES_PATH}/${encodeURIComponent(id)}`;
