import type { RegistrationStatus } from '../../../domain/schemas/registrations.js';

/** The tag colour of each registration status, in the table and on the phone's cards. */
export const REGISTRATION_COLORS: Record<RegistrationStatus, string> = {
  pending: 'gold',
  approved: 'green',
  refused: 'red',
};
