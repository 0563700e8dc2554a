// fsGroup (pod.spec.securityContext.fsGroup): the files of a volume belong to the pod's
// supplemental group, as upstream's SetVolumeOwnership makes them — group changed, group read
// (and write, unless the volume is read-only) added, directories setgid so new files inherit
// the group. Symbolic links are re-grouped but never followed.

import { chmod, lchown, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const RW_MASK = 0o660;
const RO_MASK = 0o440;
const EXEC_MASK = 0o110;
const SETGID = 0o2000;
/** A volume with more entries than this is not walked further (a bound on the work of one sync). */
const MAX_ENTRIES = 100_000;

async function change(path: string, fsGroup: number, readOnly: boolean): Promise<boolean> {
  const info = await lstat(path);
  await lchown(path, -1, fsGroup);
  if (info.isSymbolicLink()) return false;
  let mask = readOnly ? RO_MASK : RW_MASK;
  if (info.isDirectory()) mask |= SETGID | EXEC_MASK;
  await chmod(path, (info.mode & 0o7777) | mask);
  return info.isDirectory();
}

/** Applies fsGroup to `dir` and everything under it. */
export async function applyFsGroup(dir: string, fsGroup: number, readOnly: boolean): Promise<void> {
  const pending = [dir];
  let seen = 0;
  while (pending.length > 0 && seen < MAX_ENTRIES) {
    const path = pending.pop() ?? dir;
    seen++;
    if (await change(path, fsGroup, readOnly)) {
      for (const name of await readdir(path)) pending.push(join(path, name));
    }
  }
}
