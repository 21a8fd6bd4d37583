import fs from 'node:fs';

/**
 * The server's data is its own (issue 11: the SQLite file was created 0644 and the data directory
 * 0755, readable by every local account): files 0600, directories 0700 — also when they already
 * exist from an earlier version.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates the directory (and its parents) if needed and makes it 0700. */
export function securePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Creates the file empty if needed (0600 from the first instant), else makes it 0600. */
export function securePrivateFile(file: string): void {
  try {
    fs.closeSync(
      fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, PRIVATE_FILE_MODE),
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    fs.chmodSync(file, PRIVATE_FILE_MODE);
  }
}
