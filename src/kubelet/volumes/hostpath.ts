// hostPath volumes: the path itself is the volume. Its `type` says what must be there (or be
// created) before the pod may start, as upstream's hostPath type checker does; an empty type
// checks nothing.

import { lstat, mkdir, open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';

async function statOf(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function existsNoFollow(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks (and for the *OrCreate types, makes) `path`. Resolves with an error message when the
 * check fails, undefined when the volume is ready.
 */
export async function checkHostPath(path: string, type: string | undefined): Promise<string | undefined> {
  switch (type ?? '') {
    case '':
      return undefined;
    case 'DirectoryOrCreate':
      if (!await existsNoFollow(path)) {
        await mkdir(path, { recursive: true, mode: 0o755 });
        return undefined;
      }
      return (await statOf(path))?.isDirectory() === true ? undefined : `hostPath type check failed: ${path} is not a directory`;
    case 'Directory':
      return (await statOf(path))?.isDirectory() === true ? undefined : `hostPath type check failed: ${path} is not a directory`;
    case 'FileOrCreate':
      if (!await existsNoFollow(path)) {
        const handle = await open(path, 'a', 0o644);
        await handle.close();
        return undefined;
      }
      return (await statOf(path))?.isFile() === true ? undefined : `hostPath type check failed: ${path} is not a file`;
    case 'File':
      return (await statOf(path))?.isFile() === true ? undefined : `hostPath type check failed: ${path} is not a file`;
    case 'Socket':
      return (await statOf(path))?.isSocket() === true ? undefined : `hostPath type check failed: ${path} is not a socket file`;
    case 'CharDevice':
      return (await statOf(path))?.isCharacterDevice() === true ? undefined : `hostPath type check failed: ${path} is not a character device`;
    case 'BlockDevice':
      return (await statOf(path))?.isBlockDevice() === true ? undefined : `hostPath type check failed: ${path} is not a block device`;
    default:
      return `${type ?? ''} is an invalid volume type`;
  }
}
