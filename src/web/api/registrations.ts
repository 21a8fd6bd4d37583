import type { z } from 'zod';
import type {
  LicenceUpload,
  OwnRegistration,
  OwnRegistrationRequest,
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

export type { OwnRegistration, OwnRegistrationRequest };

/** The registrant's own registration (before it has an account), by its login name and password. */
export const fetchOwnRegistration = (creds: OwnRegistrationRequest) =>
  api.post<OwnRegistration>('/api/registrations/own', creds, { quietAuth: true });

/** Replaces the registration's 营业执照 with one just uploaded (its token), while the city has not decided. */
export const replaceOwnLicence = (creds: OwnRegistrationRequest, licenceToken: string) =>
  api.put<OwnRegistration>('/api/registrations/own/licence', { ...creds, licenceToken });

/** The registrant's own licence file, as a Blob (the credentials travel in the body, so no link can open it). */
export async function fetchOwnLicence(creds: OwnRegistrationRequest): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch('/api/registrations/own/licence/file', {
      method: 'POST',
      body: JSON.stringify(creds),
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', m.common.networkError);
  }
  if (!res.ok) throw await failureOf(res, true);
  return res.blob();
}
