/**
 * The verification code (校验码) printed on every page of a submitted application's paper copy:
 * the first 12 hexadecimal digits of the SHA-256 of the snapshot it was printed from. The acceptance
 * centre types it in when registering the paper copies, to prove they are the electronic submission.
 */

export const VERIFICATION_CODE_LENGTH = 12;

/** Paper copies expected per application (纸质一式两份). */
export const PAPER_COPIES_EXPECTED = 2;

/** The code printed for a snapshot, from its SHA-256 (hex). */
export function verificationCode(sha256: string): string {
  return sha256.slice(0, VERIFICATION_CODE_LENGTH).toLowerCase();
}

/** The code as printed for reading aloud and typing: three groups of four, "1a2b-3c4d-5e6f". */
export function formatVerificationCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/**
 * Reads a code typed by a user: case, spaces and hyphens do not matter. Returns the 12 lowercase
 * hex digits, or null when the text is not a code at all.
 */
export function normalizeVerificationCode(input: string): string | null {
  const s = input.replace(/[\s-]/g, '').toLowerCase();
  return new RegExp(`^[0-9a-f]{${VERIFICATION_CODE_LENGTH}}$`).test(s) ? s : null;
}

/** Whether a registered paper copy counts toward the two expected: no code given, or the current submission's. */
export const countsTowardCopies = (codeStatus: string | null): boolean => codeStatus === null || codeStatus === 'match';
