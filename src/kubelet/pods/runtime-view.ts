// What the runtime holds for one pod, read by the CRI labels of seams.ts (so a restarted agent
// sees exactly what it left): its newest sandbox and, per container name, every container it
// still has, newest attempt first. The pod workers derive both their actions and the pod's
// status from this view, never from memory of what they did.

import type { RuntimeService } from '../cri/runtime.ts';
import { isNotFound } from '../cri/errors.ts';
import type { ContainerState } from '../cri/types.ts';
import { LABEL_CONTAINER_NAME, LABEL_POD_UID } from '../seams.ts';
import { ANNOTATION_HASH, ANNOTATION_RESTART_COUNT } from './container-config.ts';

export interface SandboxView {
  readonly id: string;
  readonly ready: boolean;
  readonly ip: string;
  /** ms since the epoch */
  readonly createdAt: number;
  readonly attempt: number;
}

export interface ContainerView {
  readonly id: string;
  readonly name: string;
  readonly sandboxId: string;
  readonly attempt: number;
  readonly state: ContainerState;
  /** ms since the epoch; 0 when not reached */
  readonly createdAt: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly exitCode: number;
  readonly reason: string;
  readonly message: string;
  readonly image: string;
  readonly imageRef: string;
  /** The spec hash it was created from ('' when unknown). */
  readonly hash: string;
}

export interface PodRuntimeView {
  /** Newest first. */
  readonly sandboxes: readonly SandboxView[];
  /** By container name, newest attempt first. */
  readonly containers: ReadonlyMap<string, readonly ContainerView[]>;
}

const ms = (ns: number): number => Math.floor(ns / 1_000_000);

/**
 * The containers of one pod and their states as one comparable string, whatever order they come
 * in ('' for none): what the relist compares between polls, and with what the pod's last sync saw.
 */
export function containersFingerprint(containers: Iterable<{ readonly id: string; readonly state: ContainerState }>): string {
  const parts: string[] = [];
  for (const c of containers) parts.push(`${c.id.slice(0, 12)}:${c.state}`);
  return parts.length === 1 ? parts[0] as string : parts.sort().join(';');
}

export async function readPodRuntime(runtime: RuntimeService, uid: string): Promise<PodRuntimeView> {
  const [sandboxes, containers] = await Promise.all([
    runtime.listPodSandbox({ labelSelector: { [LABEL_POD_UID]: uid } }),
    runtime.listContainers({ labelSelector: { [LABEL_POD_UID]: uid } }),
  ]);
  const sandboxViews: SandboxView[] = [];
  for (const s of sandboxes) {
    let ip = '';
    if (s.state === 'SANDBOX_READY') {
      try {
        ip = (await runtime.podSandboxStatus(s.id)).network?.ip ?? '';
      } catch (err) {
        if (!isNotFound(err)) throw err;
        continue;
      }
    }
    sandboxViews.push({ id: s.id, ready: s.state === 'SANDBOX_READY', ip, createdAt: ms(s.createdAt), attempt: s.metadata?.attempt ?? 0 });
  }
  sandboxViews.sort((a, b) => b.createdAt - a.createdAt || b.attempt - a.attempt);
  const byName = new Map<string, ContainerView[]>();
  const statuses = await Promise.all(containers.map(async (c) => {
    try {
      return await runtime.containerStatus(c.id);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }));
  for (const [i, c] of containers.entries()) {
    const s = statuses[i];
    if (s === undefined) continue;
    const name = c.labels[LABEL_CONTAINER_NAME] ?? c.metadata?.name ?? '';
    const restart = Number(c.annotations[ANNOTATION_RESTART_COUNT] ?? c.metadata?.attempt ?? 0);
    const view: ContainerView = {
      id: c.id, name, sandboxId: c.podSandboxId, attempt: Number.isFinite(restart) ? restart : 0, state: s.state,
      createdAt: ms(s.createdAt), startedAt: ms(s.startedAt), finishedAt: ms(s.finishedAt), exitCode: s.exitCode,
      reason: s.reason, message: s.message, image: s.image?.image ?? c.image?.image ?? '', imageRef: s.imageRef,
      hash: c.annotations[ANNOTATION_HASH] ?? '',
    };
    const list = byName.get(name) ?? [];
    list.push(view);
    byName.set(name, list);
  }
  for (const list of byName.values()) list.sort((a, b) => b.attempt - a.attempt || b.createdAt - a.createdAt);
  return { sandboxes: sandboxViews, containers: byName };
}
