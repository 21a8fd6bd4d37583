import type { z } from 'zod';
import type { registrationCreatedResponse, RegistrationRequest } from '../../domain/schemas/registrations.js';
import { api } from './client';

/** The public registration of an applicant unit; its city bureau decides on it. */
export type RegistrationCreated = z.infer<typeof registrationCreatedResponse>;
export type { RegistrationRequest };

export const registerUnit = (body: RegistrationRequest) =>
  api.post<RegistrationCreated>('/api/registrations', body, { quietAuth: true });
