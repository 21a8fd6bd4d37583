import { errorMessage, type ErrorBody } from '../../domain/errors.js';
import type { ApplicationFile, ApplicationFileKind, UploadFileKind } from '../../domain/schemas/applications.js';
import { m } from '../i18n';
import { ApiError, api, getCsrfToken } from './client';
import { fetchSession } from './session';

export type { ApplicationFile, ApplicationFileKind };

const filesPath = (id: string) => `/api/applications/${encodeURIComponent(id)}/files`;

function parseXhrError(xhr: XMLHttpRequest): ApiError {
  if (xhr.status === 0) return new ApiError(0, 'network', m.common.networkError);
  try {
    const body = JSON.parse(xhr.responseText) as Partial<ErrorBody>;
    const err = body.error;
    if (err && typeof err.code === 'string') {
      return new ApiError(xhr.status, err.code, err.message || errorMessage.internal, err.details ?? []);
    }
  } catch {
    // not JSON: a proxy's page
  }
  if (xhr.status === 413) return new ApiError(413, 'payload_too_large', errorMessage.payload_too_large);
  return new ApiError(xhr.status, xhr.status >= 500 ? 'internal' : 'bad_request', errorMessage.internal);
}

function send(id: string, kind: UploadFileKind, file: File, onProgress?: (percent: number) => void) {
  return new Promise<{ file: ApplicationFile }>((resolve, reject) => {
    const form = new FormData();
    // The server reads the kind before the file, so it must come first.
    form.append('kind', kind);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', filesPath(id));
    xhr.setRequestHeader('accept', 'application/json');
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as { file: ApplicationFile });
      else reject(parseXhrError(xhr));
    };
    xhr.onerror = () => reject(parseXhrError(xhr));
    xhr.send(form);
  });
}

/**
 * Uploads one supporting file (multipart, the kind before the file) with progress. A stale CSRF
 * token is renewed once, as the JSON client does.
 */
export async function uploadApplicationFile(
  id: string,
  kind: UploadFileKind,
  file: File,
  onProgress?: (percent: number) => void,
): Promise<ApplicationFile> {
  try {
    return (await send(id, kind, file, onProgress)).file;
  } catch (e) {
    if (e instanceof ApiError && e.code === 'csrf_invalid') {
      await fetchSession();
      return (await send(id, kind, file, onProgress)).file;
    }
    throw e;
  }
}

export const deleteApplicationFile = (id: string, fileId: string) =>
  api.delete<{ ok: true }>(`${filesPath(id)}/${encodeURIComponent(fileId)}`);

/** A file size for people: 812 KB, 3.4 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
}
