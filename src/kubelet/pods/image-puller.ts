// Making sure a container's image is present before it is created (pkg/kubelet/images's
// imageManager): the pull policy (Always, IfNotPresent, Never; default Always for `:latest` or
// no tag), credentials from the pod's imagePullSecrets (dockerconfigjson / dockercfg, matched by
// registry host), and the per pod+image back-off (10 s doubling to 300 s) that turns
// ErrImagePull into ImagePullBackOff. Events and messages are upstream's.

import type { Container, Pod, Secret } from '../../api/types/core/v1/index.ts';
import type { EventRecorder } from '../../client/events/recorder.ts';
import type { ImageService } from '../cri/runtime.ts';
import type { AuthConfig } from '../cri/types.ts';
import { normalizeImage } from '../images/normalize.ts';
import type { Backoff } from './backoff.ts';
import { containerFieldPath } from './deps.ts';

export type PullResult = { readonly ok: true; readonly imageRef: string } | { readonly ok: false; readonly reason: string; readonly message: string };

export interface PullContext {
  readonly images: ImageService;
  readonly backoff: Backoff;
  readonly recorder: EventRecorder;
  readonly clock: { now(): number };
  /** The pod's imagePullSecrets, read through the API (missing ones left out). */
  readonly pullSecrets: (pod: Pod) => Promise<readonly Secret[]>;
}

/** A pull's duration as Go prints it: 0s, 350ms, 1.234s. */
export function pullDuration(ms: number): string {
  if (ms <= 0) return '0s';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}

export function pullPolicy(container: Container): 'Always' | 'IfNotPresent' | 'Never' {
  const p = container.imagePullPolicy;
  if (p === 'Always' || p === 'IfNotPresent' || p === 'Never') return p;
  const image = container.image ?? '';
  const last = image.slice(image.lastIndexOf('/') + 1);
  if (image.includes('@')) return 'IfNotPresent';
  return !last.includes(':') || last.endsWith(':latest') ? 'Always' : 'IfNotPresent';
}

function registryHost(image: string): string {
  const normalized = normalizeImage(image);
  return normalized.slice(0, normalized.indexOf('/'));
}

function hostMatches(key: string, host: string): boolean {
  const k = key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  if (host === 'docker.io') return k === 'docker.io' || k === 'index.docker.io' || k === 'registry-1.docker.io';
  return k === host;
}

/** Credentials for the image's registry from the pod's pull secrets, in order. */
export function credentialsFor(image: string, secrets: readonly Secret[]): AuthConfig[] {
  const host = registryHost(image);
  const out: AuthConfig[] = [];
  for (const s of secrets) {
    const raw = s.data?.['.dockerconfigjson'] ?? s.data?.['.dockercfg'];
    if (raw === undefined) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
    } catch {
      continue;
    }
    const auths = (s.data?.['.dockerconfigjson'] !== undefined ? (parsed as { auths?: unknown }).auths : parsed) as Record<string, { username?: string; password?: string; auth?: string }> | undefined;
    for (const [key, entry] of Object.entries(auths ?? {})) {
      if (!hostMatches(key, host) || typeof entry !== 'object' || entry === null) continue;
      let { username, password } = entry;
      if ((username === undefined || password === undefined) && entry.auth !== undefined) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        username = decoded.slice(0, colon);
        password = decoded.slice(colon + 1);
      }
      out.push({ username: username ?? '', password: password ?? '', serverAddress: host });
    }
  }
  return out;
}

export async function ensureImage(pod: Pod, container: Container, ctx: PullContext): Promise<PullResult> {
  const image = container.image ?? '';
  const policy = pullPolicy(container);
  const present = await ctx.images.imageStatus({ image });
  if (present !== undefined && policy !== 'Always') {
    ctx.recorder.event(pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, containerFieldPath(pod, container.name));
    return { ok: true, imageRef: present.id };
  }
  if (policy === 'Never') {
    const message = `Container image "${image}" is not present with pull policy of Never`;
    ctx.recorder.event(pod, 'Warning', 'ErrImageNeverPull', message, containerFieldPath(pod, container.name));
    return { ok: false, reason: 'ErrImageNeverPull', message };
  }
  const key = `${pod.metadata?.uid ?? ''}_${image}`;
  if (ctx.backoff.isInBackOffSinceUpdate(key)) {
    const message = `Back-off pulling image "${image}"`;
    ctx.recorder.event(pod, 'Normal', 'BackOff', message, containerFieldPath(pod, container.name));
    ctx.recorder.event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', containerFieldPath(pod, container.name));
    const last = ctx.backoff.detail(key);
    return { ok: false, reason: 'ImagePullBackOff', message: last === undefined ? message : `${message}: ErrImagePull: ${last}` };
  }
  ctx.recorder.event(pod, 'Normal', 'Pulling', `Pulling image "${image}"`, containerFieldPath(pod, container.name));
  const started = ctx.clock.now();
  const credentials = credentialsFor(image, await ctx.pullSecrets(pod));
  let lastError = '';
  for (const auth of credentials.length === 0 ? [undefined] : credentials) {
    try {
      const ref = await ctx.images.pullImage({ image }, auth);
      const took = pullDuration(ctx.clock.now() - started);
      const size = (await ctx.images.imageStatus({ image }))?.size ?? 0;
      ctx.recorder.event(pod, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${size} bytes.`, containerFieldPath(pod, container.name));
      return { ok: true, imageRef: ref };
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
  }
  ctx.backoff.next(key, ctx.clock.now(), lastError);
  ctx.recorder.event(pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${lastError}`, containerFieldPath(pod, container.name));
  ctx.recorder.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull', containerFieldPath(pod, container.name));
  return { ok: false, reason: 'ErrImagePull', message: lastError };
}
