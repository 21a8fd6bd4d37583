import { expect } from 'vitest';
import type { Client } from './env.js';
import { multipart, pdf } from './applications.js';

/** Uploads a 营业执照 anonymously (PDF unless given) and answers the raw response. */
export function uploadLicence(client: Client, file: { name: string; data: Buffer; type?: string } = licencePdf()) {
  return client.request({ method: 'POST', url: '/api/registrations/licence', ...multipart(file, null) });
}

export const licencePdf = () => ({ name: '营业执照.pdf', data: pdf(), type: 'application/pdf' });

/** A fresh licence token (the upload must succeed). */
export async function licenceToken(client: Client): Promise<string> {
  const res = await uploadLicence(client);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().licence.token as string;
}

/** The issue 17 fields of a registration: the legal representative, the address and a fresh licence. */
export async function registrationExtras(client: Client) {
  return {
    legalRepresentative: '王建国',
    address: '南京市玄武区珠江路 88 号 12 层',
    licenceToken: await licenceToken(client),
  };
}
