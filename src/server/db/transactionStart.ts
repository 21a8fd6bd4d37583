import { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseConnection, Dialect, Driver, TransactionSettings } from 'kysely';

/**
 * A statement to run first in the next transaction begun in an async context, and to learn whether
 * that transaction committed. The idempotency plugin uses it to claim an Idempotency-Key inside the
 * transaction of the command a request runs, without any command knowing about it (issue 11 item 8):
 * a command that fails rolls its claim back with its change, and a claim that conflicts aborts the
 * transaction before the command changed anything.
 */
export interface FirstStatement {
  /** Runs on the transaction's connection right after BEGIN; throwing aborts (rolls back) the transaction. */
  run(connection: DatabaseConnection): Promise<void>;
  /** Called once the transaction that ran it has committed. */
  committed(): void;
}

interface Slot {
  pending: FirstStatement | null;
}

const storage = new AsyncLocalStorage<Slot>();

/**
 * Runs `fn` so that the first transaction begun within it (and only the first) starts with
 * `statement`. Transactions begun after `fn` settled — an error handler's, say — never run it.
 */
export async function withFirstStatement<T>(statement: FirstStatement, fn: () => Promise<T>): Promise<T> {
  const slot: Slot = { pending: statement };
  try {
    return await storage.run(slot, fn);
  } finally {
    slot.pending = null;
  }
}

/**
 * Whether a transaction begun now would run a pending first statement. A command that can make its
 * change in one statement (atomic without BEGIN/COMMIT) runs it in a transaction only when this is
 * true, so that the first statement (an Idempotency-Key claim) still commits or rolls back with it.
 */
export const firstStatementPending = (): boolean => !!storage.getStore()?.pending;

/**
 * The dialect with its driver wrapped through Kysely's public Dialect/Driver interfaces: every
 * method is the driver's own, except that beginTransaction runs a pending first statement (see
 * withFirstStatement) and commitTransaction reports its commit.
 */
export function withFirstStatements(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => new FirstStatementDriver(dialect.createDriver()),
  };
}

class FirstStatementDriver implements Driver {
  readonly #inner: Driver;
  /** Connections inside a transaction that ran a first statement. */
  readonly #ran = new WeakMap<DatabaseConnection, FirstStatement>();

  constructor(inner: Driver) {
    this.#inner = inner;
    if (inner.savepoint) this.savepoint = inner.savepoint.bind(inner);
    if (inner.rollbackToSavepoint) this.rollbackToSavepoint = inner.rollbackToSavepoint.bind(inner);
    if (inner.releaseSavepoint) this.releaseSavepoint = inner.releaseSavepoint.bind(inner);
  }

  savepoint?: Driver['savepoint'];
  rollbackToSavepoint?: Driver['rollbackToSavepoint'];
  releaseSavepoint?: Driver['releaseSavepoint'];

  init() {
    return this.#inner.init();
  }
  acquireConnection() {
    return this.#inner.acquireConnection();
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.#inner.releaseConnection(connection);
  }
  destroy() {
    return this.#inner.destroy();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    await this.#inner.beginTransaction(connection, settings);
    const slot = storage.getStore();
    const statement = slot?.pending;
    if (!slot || !statement) return;
    slot.pending = null;
    try {
      await statement.run(connection);
    } catch (err) {
      // Kysely rolls back only a transaction whose begin succeeded: end this one here.
      await this.#inner.rollbackTransaction(connection);
      throw err;
    }
    this.#ran.set(connection, statement);
  }

  async commitTransaction(connection: DatabaseConnection) {
    await this.#inner.commitTransaction(connection);
    const statement = this.#ran.get(connection);
    this.#ran.delete(connection);
    statement?.committed();
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    this.#ran.delete(connection);
    await this.#inner.rollbackTransaction(connection);
  }
}
