// The atomic writer (upstream's pkg/volume/util/atomic_writer.go): the files of a configMap,
// secret, downwardAPI or projected volume change all at once, so a reader never sees a mix of
// old and new contents. The layout, which containers and tools rely on:
//
//   <dir>/..2026_11_26_02_05_00.1234567890/   the files of one version (the "timestamped dir")
//   <dir>/..data -> ..2026_11_26_02_05_00.1234567890
//   <dir>/<name> -> ..data/<name>             one link per top-level name of the payload
//
// A new version is written into a fresh timestamped dir, then `..data` is replaced by a rename
// of a new symlink over it (atomic), then links of names no longer present are removed and the
// previous timestamped dir is deleted. Identical contents are not written again.

import { randomInt } from 'node:crypto';
import { chmod, lstat, mkdir, readdir, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { posix } from 'node:path';

export const DATA_DIR_NAME = '..data';
const DATA_DIR_TMP_NAME = '..data_tmp';
const MAX_PATH_LENGTH = 4096;
const MAX_FILE_NAME_LENGTH = 255;
const MKDIR_ATTEMPTS = 16;

/** One file of a volume: its contents and permission bits. */
export interface FileProjection {
  readonly data: Buffer;
  readonly mode: number;
}

/** Relative path → file. */
export type Payload = ReadonlyMap<string, FileProjection>;

/** Why a payload path is refused (upstream's messages); undefined when it is fine. */
export function invalidPayloadPath(target: string): string | undefined {
  if (target === '') return `invalid path: must not be empty: ${JSON.stringify(target)}`;
  if (target.startsWith('/')) return `invalid path: must be relative path: ${target}`;
  if (target.length > MAX_PATH_LENGTH) return `invalid path: must be less than or equal to ${MAX_PATH_LENGTH} characters`;
  const items = target.split('/');
  for (const item of items) {
    if (item === '..') return `invalid path: must not contain '..': ${target}`;
    if (item.length > MAX_FILE_NAME_LENGTH) return `invalid path: filenames must be less than or equal to ${MAX_FILE_NAME_LENGTH} characters`;
  }
  const first = items[0] ?? '';
  if (first.startsWith('..') && first.length > 2) return `invalid path: must not start with '..': ${target}`;
  return undefined;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `..2006_01_02_15_04_05.` in UTC, the prefix of a timestamped dir. */
export function timestampPrefix(ms: number): string {
  const d = new Date(ms);
  return `..${d.getUTCFullYear()}_${two(d.getUTCMonth() + 1)}_${two(d.getUTCDate())}_${two(d.getUTCHours())}_${two(d.getUTCMinutes())}_${two(d.getUTCSeconds())}.`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Every file under `dir` (relative paths), following no links. */
async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(posix.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...await filesUnder(dir, rel));
    else out.push(rel);
  }
  return out;
}

async function currentVersion(dir: string): Promise<string | undefined> {
  try {
    return await readlink(posix.join(dir, DATA_DIR_NAME));
  } catch {
    return undefined;
  }
}

async function sameAsOnDisk(versionDir: string, payload: Payload): Promise<boolean> {
  const onDisk = await filesUnder(versionDir);
  if (onDisk.length !== payload.size) return false;
  for (const [rel, file] of payload) {
    // Contents only, as upstream: modes cannot change while a pod lives (its volumes are
    // immutable), and fsGroup adds bits to them after writing.
    try {
      if (!(await readFile(posix.join(versionDir, rel))).equals(file.data)) return false;
    } catch {
      return false;
    }
  }
  return true;
}

async function makeVersionDir(dir: string, now: number): Promise<string> {
  const prefix = timestampPrefix(now);
  for (let i = 0; i < MKDIR_ATTEMPTS; i++) {
    const name = `${prefix}${randomInt(0, 2 ** 32 - 1)}`;
    try {
      await mkdir(posix.join(dir, name), { mode: 0o755 });
      return name;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new Error(`cannot create a version directory in ${dir}`);
}

/**
 * Makes `dir` hold exactly `payload`, atomically. Returns false when the contents on disk were
 * already the same (nothing written). `now` names the new version dir; `beforeSwap` (ownership,
 * permissions) runs once the new files are written, before readers can see them. The caller
 * serializes writes to one dir.
 */
export async function writeAtomically(dir: string, payload: Payload, now: number, beforeSwap?: (dir: string) => Promise<void>): Promise<boolean> {
  const cleaned = new Map<string, FileProjection>();
  for (const [rel, file] of payload) {
    const why = invalidPayloadPath(rel);
    if (why !== undefined) throw new Error(why);
    cleaned.set(posix.normalize(rel), file);
  }
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const old = await currentVersion(dir);
  const oldFiles = old === undefined ? [] : await filesUnder(posix.join(dir, old)).catch(() => []);
  if (old !== undefined && await sameAsOnDisk(posix.join(dir, old), cleaned)) return false;

  const version = await makeVersionDir(dir, now);
  const versionPath = posix.join(dir, version);
  try {
    for (const [rel, file] of cleaned) {
      const target = posix.join(versionPath, rel);
      await mkdir(posix.dirname(target), { recursive: true, mode: 0o755 });
      await writeFile(target, file.data, { mode: file.mode });
      // The umask may have narrowed the mode: set it exactly.
      await chmod(target, file.mode);
    }
    await beforeSwap?.(dir);
    const tmpLink = posix.join(dir, DATA_DIR_TMP_NAME);
    await rm(tmpLink, { force: true });
    await symlink(version, tmpLink);
    await rename(tmpLink, posix.join(dir, DATA_DIR_NAME));
  } catch (err) {
    await rm(versionPath, { recursive: true, force: true });
    throw err;
  }

  const newTop = new Set([...cleaned.keys()].map((rel) => rel.split('/')[0] ?? rel));
  for (const top of newTop) {
    const link = posix.join(dir, top);
    if (!await exists(link)) await symlink(posix.join(DATA_DIR_NAME, top), link);
  }
  const oldTop = new Set(oldFiles.map((rel) => rel.split('/')[0] ?? rel));
  for (const top of oldTop) {
    if (!newTop.has(top)) await rm(posix.join(dir, top), { force: true });
  }
  // The previous version, and any left by a write that was cut short.
  for (const entry of await readdir(dir)) {
    if (entry.startsWith('..') && entry !== DATA_DIR_NAME && entry !== version) await rm(posix.join(dir, entry), { recursive: true, force: true });
  }
  return true;
}
