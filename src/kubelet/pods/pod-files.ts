// The files the pod workers keep for their pods under <podsDir>/<uid>: the managed /etc/hosts
// and each container's termination log, removed with the pod. On a node they are host files,
// bind-mounted into the containers (diskPodFiles). A simulated node's containers exist only in
// memory and never open them, so its pod workers keep them in memory too (MemoryPodFiles): the
// kubelet's logic is the same, without a mkdir, an open and a close per pod and container.
// Container logs are the runtime's files; the kubelet reads them (for a termination message)
// through here too, so the memory kind can hold a simulated runtime's logs as well.

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LogFiles } from '../fakeruntime/log-files.ts';

/** Paths are absolute; every method settles (never hangs) and is safe to call concurrently for different paths. */
export interface PodFiles {
  /** Writes `data` to `path` in place (not by rename: containers bind-mount the file), making missing directories. */
  write(path: string, data: string): Promise<void>;
  /** The file's text; undefined when it does not exist or cannot be read. */
  read(path: string): Promise<string | undefined>;
  /** Removes the file or directory tree at `path`; nothing when it is absent. */
  remove(path: string): Promise<void>;
}

function isMissing(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'ENOENT';
}

/** Host files. write tries the file first and makes its directory only when that is missing. */
export const diskPodFiles: PodFiles = {
  async write(path, data) {
    try {
      await writeFile(path, data, { mode: 0o644 });
    } catch (err) {
      if (!isMissing(err)) throw err;
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, data, { mode: 0o644 });
    }
  },
  async read(path) {
    return readFile(path, 'utf8').catch(() => undefined);
  },
  async remove(path) {
    await rm(path, { recursive: true, force: true });
  },
};

/**
 * Files in a map, for pods whose containers never read them (k8ts simulate). It also takes the
 * fake runtime's container logs (LogFiles), so a termination message from the log
 * (FallbackToLogsOnError) reads what the container printed.
 */
export class MemoryPodFiles implements PodFiles, LogFiles {
  readonly #files = new Map<string, string>();

  async write(path: string, data: string): Promise<void> {
    this.#files.set(path, data);
  }

  async read(path: string): Promise<string | undefined> {
    return this.#files.get(path);
  }

  createLog(path: string): void {
    if (!this.#files.has(path)) this.#files.set(path, '');
  }

  appendLog(path: string, text: string): void {
    const old = this.#files.get(path);
    if (old === undefined) throw new Error(`${path}: no such file`);
    this.#files.set(path, old + text);
  }

  /** Removes `path` and everything under it. Linear in the files held (one node's pods: a few hundred). */
  async remove(path: string): Promise<void> {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    this.#files.delete(path);
    for (const key of this.#files.keys()) if (key.startsWith(prefix)) this.#files.delete(key);
  }

  /** Files held now. */
  get size(): number {
    return this.#files.size;
  }
}
