import { createHash } from 'node:crypto';
import type { AuditLogTable } from '../db/schema.js';

/** The columns a leaf's hash covers: every stored column except `seq` (given by the database) and the hashes. */
export const LEAF_COLUMNS = [
  'at',
  'actor_id',
  'actor_name',
  'actor_role',
  'org_id',
  'action',
  'target_type',
  'target_id',
  'outcome',
  'ip',
  'request_id',
  'summary',
] as const satisfies readonly (keyof AuditLogTable)[];

export type LeafFields = Pick<AuditLogTable, (typeof LEAF_COLUMNS)[number]>;

// A lone surrogate (not part of a pair), or NUL (which PostgreSQL's text cannot hold).
// eslint-disable-next-line no-control-regex -- NUL is exactly what must be replaced
const NOT_STORABLE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\u0000/g;

/**
 * The string as both databases store it: lone UTF-16 surrogates (which UTF-8 cannot encode; the
 * drivers turned them into U+FFFD while JSON.stringify kept them as escapes — issue 11 item 2) and
 * NUL become U+FFFD. Applied before a record is both stored and hashed, so that the hash covers
 * exactly the stored bytes.
 */
export function storable(s: string): string;
export function storable(s: string | null): string | null;
export function storable(s: string | null): string | null {
  return s === null ? null : s.replace(NOT_STORABLE, '\ufffd');
}

/**
 * The canonical bytes of a leaf: a JSON array of a version tag and the stored columns in a fixed
 * order. Strings are well-formed (storable), so JSON.stringify yields the same UTF-8 as is stored.
 */
export function leafBytes(r: LeafFields): Buffer {
  return Buffer.from(JSON.stringify(['msf-audit-leaf-v2', ...LEAF_COLUMNS.map((c) => r[c])]), 'utf8');
}

/** The hash stored with each new record: SHA-256 over its canonical bytes. No link to any other record. */
export function leafHash(r: LeafFields): string {
  return createHash('sha256').update(leafBytes(r)).digest('hex');
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of a record of the former chain (before migration 20261206_1201): SHA-256 over the
 * previous record's hash and the record's fields, seq included. Only used to verify those records,
 * which form seal 0.
 */
export function legacyChainHash(prevHash: string, r: LeafFields & { seq: number | string }): string {
  const fields = [
    Number(r.seq),
    r.at,
    r.actor_id,
    r.actor_name,
    r.actor_role,
    r.org_id,
    r.action,
    r.target_type,
    r.target_id,
    r.outcome,
    r.ip,
    r.request_id,
    r.summary,
  ];
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(fields)).digest('hex');
}

/** A record written before migration 20261206_1201 carries the link to its predecessor. */
export const isLegacyLeaf = (r: { prev_hash: string }): boolean => r.prev_hash !== '';
