import type { z } from 'zod';
import type {
  LicenceUpload,
  registrationCreatedResponse,
  RegistrationRequest,
} from '../../domain/schemas/registrations.js';
import { m } from '../i18n';
import { api, ApiError, failureOf } from './client';

/** The public registration of an applicant unit; its city bureau decides on it. */
export type RegistrationCreated = z.infer<typeof registrationCreatedResponse>;
export type { RegistrationRequest };

export const registerUnit = (body: RegistrationRequest) =>
  api.post<RegistrationCreated>('/api/registrations', body, { quietAuth: true });

/**
 * Uploads the 营业执照 before registering (no session: registration is anonymous); answers the
 * one-time token the registration carries.
 */
export async function uploadLicence(file: File): Promise<LicenceUpload['licence']> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch('/api/registrations/licence', {
      method: 'POST',
      body: form,
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', m.common.networkError);
  }
  if (!res.ok) throw await failureOf(res, true);
  return ((await res.json()) as LicenceUpload).licence;
}
