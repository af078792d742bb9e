import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { ArchiveError } from './archive-errors';

/**
 * The export file, version 2:
 *
 *   gzip( MAGIC "LSPARCH1" | manifest length (u32, big-endian) | manifest (UTF-8 JSON) | database | files… )
 *
 * `files` are the data folder's files the database points to (voicemail audio, the greeting),
 * one after another in the manifest's order, each with its path, size and SHA-256. Version 1
 * (no files) is still read.
 *
 * `database` is the SQLite file (`db.serialize()`) with the `secrets` table emptied; the
 * manifest holds its size and SHA-256, the schema version, and the secrets re-sealed under
 * the passphrase (AES-256-GCM, key from scrypt, the secret's name as additional data), or
 * only how many were left out when no passphrase was given.
 */
export const ARCHIVE_MAGIC = Buffer.from('LSPARCH1', 'latin1');
export const ARCHIVE_FORMAT_VERSION = 2;
/** Bounds what a damaged or hostile file can make us inflate or parse. */
const MAX_INFLATED_BYTES = 1024 * 1024 * 1024;
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** A file's path inside the data folder: one known folder and a plain name, nothing that climbs out. */
export const archiveFilePathSchema = z.string().regex(/^voicemail\/[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/, 'is not a data-folder file path').refine((p) => !p.includes('..'), 'climbs out of the data folder');

export const archiveFileSchema = z.object({ path: archiveFilePathSchema, bytes: z.number().int().min(0), sha256: sha256Hex }).strict();
export type ArchiveFile = z.infer<typeof archiveFileSchema>;

export const scryptParamsSchema = z
  .object({
    name: z.literal('scrypt'),
    salt: base64.min(16),
    // 2^14 … 2^20: strong enough, and a file cannot make us spend more than ~1 GiB.
    N: z.number().int().min(16_384).max(1_048_576).refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
  })
  .strict();
export type ScryptParams = z.infer<typeof scryptParamsSchema>;

export const manifestSchema = z
  .object({
    format: z.literal('litesip-archive'),
    version: z.union([z.literal(1), z.literal(ARCHIVE_FORMAT_VERSION)]),
    createdAt: z.string().max(64),
    appVersion: z.string().max(64).optional(),
    schemaVersion: z.number().int().min(0),
    database: z.object({ bytes: z.number().int().positive(), sha256: sha256Hex }).strict(),
    files: z.array(archiveFileSchema).max(100_000).optional(),
    secrets: z.discriminatedUnion('included', [
      z
        .object({
          included: z.literal(true),
          kdf: scryptParamsSchema,
          cipher: z.literal('aes-256-gcm'),
          /** A known text sealed under the passphrase: a wrong passphrase is told apart from damage. */
          check: base64,
          items: z.array(z.object({ key: z.string().min(1).max(256), value: base64 }).strict()).max(10_000),
        })
        .strict(),
      z.object({ included: z.literal(false), leftOut: z.number().int().min(0) }).strict(),
    ]),
  })
  .strict();
export type ArchiveManifest = z.infer<typeof manifestSchema>;

export function encodeArchive(manifest: ArchiveManifest, database: Buffer, files: readonly Buffer[] = []): Buffer {
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return gzipSync(Buffer.concat([ARCHIVE_MAGIC, length, json, database, ...files]), { level: 9 });
}

/**
 * Inflates and splits an archive; the manifest is checked against its schema. In a version-1
 * archive everything after the manifest is the database.
 */
export function decodeArchive(file: Buffer): { manifest: ArchiveManifest; database: Buffer; files: Map<string, Buffer> } {
  let raw: Buffer;
  try {
    raw = gunzipSync(file, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (err) {
    const gzip = file.length >= 2 && file[0] === 0x1f && file[1] === 0x8b;
    throw gzip
      ? new ArchiveError('corrupt', `The archive is damaged (${(err as Error).message}).`)
      : new ArchiveError('foreign', 'This is not a LiteSIP archive (not gzip data).');
  }
  if (raw.length < ARCHIVE_MAGIC.length + 4 || !raw.subarray(0, ARCHIVE_MAGIC.length).equals(ARCHIVE_MAGIC)) {
    throw new ArchiveError('foreign', 'This is not a LiteSIP archive (no LiteSIP header).');
  }
  const length = raw.readUInt32BE(ARCHIVE_MAGIC.length);
  const start = ARCHIVE_MAGIC.length + 4;
  if (length > MAX_MANIFEST_BYTES || start + length > raw.length) throw new ArchiveError('corrupt', 'The archive is damaged (manifest cut short).');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.subarray(start, start + length).toString('utf8'));
  } catch {
    throw new ArchiveError('corrupt', 'The archive is damaged (manifest is not JSON).');
  }
  const version = (parsed as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > ARCHIVE_FORMAT_VERSION) {
    throw new ArchiveError('too-new', `The archive was written in format ${version} by a newer LiteSIP; this one reads format ${ARCHIVE_FORMAT_VERSION}.`);
  }
  const manifest = manifestSchema.safeParse(parsed);
  if (!manifest.success) {
    const issue = manifest.error.issues[0];
    throw new ArchiveError('corrupt', `The archive's manifest is not valid${issue ? ` at ${issue.path.join('.') || 'top'}: ${issue.message}` : ''}.`);
  }
  const rest = raw.subarray(start + length);
  const listed = manifest.data.files ?? [];
  if (manifest.data.version === 1 || listed.length === 0) return { manifest: manifest.data, database: rest, files: new Map() };
  const dbBytes = manifest.data.database.bytes;
  const total = listed.reduce((n, f) => n + f.bytes, dbBytes);
  if (total !== rest.length) throw new ArchiveError('corrupt', 'The archive is damaged (its files do not add up to the manifest).');
  const files = new Map<string, Buffer>();
  let at = dbBytes;
  for (const f of listed) {
    if (files.has(f.path)) throw new ArchiveError('corrupt', `The archive is damaged (${f.path} is listed twice).`);
    files.set(f.path, rest.subarray(at, at + f.bytes));
    at += f.bytes;
  }
  return { manifest: manifest.data, database: rest.subarray(0, dbBytes), files };
}
