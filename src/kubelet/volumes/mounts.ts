// Mounts the volume manager makes on the host: tmpfs for memory-backed emptyDirs and for the
// secret, downwardAPI and projected volumes (so their contents never touch the disk). Mounts
// are found again from /proc/self/mountinfo, so an agent restarted after a crash still unmounts
// what an earlier run left behind.

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

const MOUNT_TIMEOUT_MS = 10_000;

/** Mount points as /proc/self/mountinfo lists them (field 5, octal escapes decoded). */
export function parseMountPoints(mountinfo: string): string[] {
  const points: string[] = [];
  for (const line of mountinfo.split('\n')) {
    const field = line.split(' ')[4];
    if (field === undefined || field === '') continue;
    points.push(field.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8))));
  }
  return points;
}

/** Mount points at or under `dir`, deepest first (the order to unmount them in). */
export async function mountsUnder(dir: string): Promise<string[]> {
  const text = await readFile('/proc/self/mountinfo', 'utf8');
  const base = dir.endsWith('/') ? dir.slice(0, -1) : dir;
  return parseMountPoints(text)
    .filter((p) => p === base || p.startsWith(`${base}/`))
    .sort((a, b) => b.length - a.length);
}

export async function isMountPoint(dir: string): Promise<boolean> {
  return (await mountsUnder(dir)).includes(dir.endsWith('/') ? dir.slice(0, -1) : dir);
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: MOUNT_TIMEOUT_MS }, (err, _stdout, stderr) => {
      if (err === null) resolve();
      else reject(new Error(`${command} ${args.join(' ')}: ${String(stderr).trim() || err.message}`));
    });
  });
}

/** Mounts a tmpfs at `dir` (which must exist); `sizeBytes` caps it (kernel default: half the RAM). */
export async function mountTmpfs(dir: string, sizeBytes: bigint | undefined): Promise<void> {
  const options = sizeBytes === undefined ? [] : ['-o', `size=${sizeBytes}`];
  await run('mount', ['-t', 'tmpfs', ...options, 'tmpfs', dir]);
}

export async function unmount(dir: string): Promise<void> {
  await run('umount', [dir]);
}
