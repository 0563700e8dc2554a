// Finds a pod's sandbox and containers through the runtime alone, by the CRI labels the pod
// workers put on them (seams.ts), so the server needs nothing from the pod workers and keeps
// working across an agent restart. Errors carry the HTTP code and the text upstream's kubelet
// answers with.

import type { RuntimeService } from '../cri/runtime.ts';
import type { Container, PodSandbox } from '../cri/types.ts';
import { LABEL_CONTAINER_NAME, LABEL_POD_NAME, LABEL_POD_NAMESPACE } from '../seams.ts';

export class LookupError extends Error {
  override readonly name = 'LookupError';
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

/** The pod's newest sandbox, ready ones first; 404 when the runtime has none. */
export async function findSandbox(runtime: RuntimeService, namespace: string, pod: string): Promise<PodSandbox> {
  const sandboxes = await runtime.listPodSandbox({ labelSelector: { [LABEL_POD_NAMESPACE]: namespace, [LABEL_POD_NAME]: pod } });
  const ordered = [...sandboxes].sort((a, b) => Number(b.state === 'SANDBOX_READY') - Number(a.state === 'SANDBOX_READY') || b.createdAt - a.createdAt);
  const sandbox = ordered[0];
  if (sandbox === undefined) throw new LookupError(404, `pod "${pod}" does not exist`);
  return sandbox;
}

/** Every attempt of the container, newest first (highest attempt, then latest creation). */
export async function containerAttempts(runtime: RuntimeService, namespace: string, pod: string, container: string): Promise<readonly Container[]> {
  const sandboxes = await runtime.listPodSandbox({ labelSelector: { [LABEL_POD_NAMESPACE]: namespace, [LABEL_POD_NAME]: pod } });
  if (sandboxes.length === 0) throw new LookupError(404, `pod "${pod}" does not exist`);
  const containers = await runtime.listContainers({ labelSelector: { [LABEL_POD_NAMESPACE]: namespace, [LABEL_POD_NAME]: pod, [LABEL_CONTAINER_NAME]: container } });
  if (containers.length === 0) throw new LookupError(404, `container "${container}" not found in pod "${pod}"`);
  return [...containers].sort((a, b) => b.createdAt - a.createdAt || (b.metadata?.attempt ?? 0) - (a.metadata?.attempt ?? 0));
}

/** The container's current attempt; for exec and attach it must be running. */
export async function runningContainer(runtime: RuntimeService, namespace: string, pod: string, container: string): Promise<Container> {
  const current = (await containerAttempts(runtime, namespace, pod, container))[0];
  if (current === undefined) throw new LookupError(404, `container "${container}" not found in pod "${pod}"`);
  if (current.state !== 'CONTAINER_RUNNING') throw new LookupError(400, `container "${container}" in pod "${pod}" is not running`);
  return current;
}

/**
 * The attempt whose log to read: the current one, or with `previous` the latest one before it
 * that has exited (400 when there is none, as upstream).
 */
export async function logContainer(runtime: RuntimeService, namespace: string, pod: string, container: string, previous: boolean): Promise<Container> {
  const attempts = await containerAttempts(runtime, namespace, pod, container);
  if (!previous) return attempts[0] as Container;
  const earlier = attempts.slice(1).find((c) => c.state === 'CONTAINER_EXITED');
  if (earlier === undefined) throw new LookupError(400, `previous terminated container "${container}" in pod "${pod}" not found`);
  return earlier;
}
