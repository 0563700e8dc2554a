// What goes into the volumes whose files the kubelet writes — configMap, secret, downwardAPI
// and projected — computed from the pod and the objects it names. The same function serves the
// first set-up and every later refresh, so both always agree on the contents.

import type { ConfigMap, KeyToPath, Pod, Secret, Volume } from '../../api/types/core/v1/index.ts';
import type { FileProjection } from './atomic-writer.ts';
import { downwardApiPayload, type ResourceList } from './downward.ts';
import { configMapKeys, keyPayload, secretKeys } from './key-payload.ts';
import type { ObjectRef } from './object-watches.ts';
import { CONFIG_MAPS, SECRETS } from './resources.ts';
import { DEFAULT_TOKEN_EXPIRATION_SECONDS, type TokenAsk } from './tokens.ts';

export const DEFAULT_FILE_MODE = 0o644;

export interface ContentSources {
  getConfigMap(ref: ObjectRef, signal: AbortSignal): Promise<ConfigMap | undefined>;
  getSecret(ref: ObjectRef, signal: AbortSignal): Promise<Secret | undefined>;
  token(ask: TokenAsk, signal: AbortSignal): Promise<string>;
  allocatable(signal: AbortSignal): Promise<ResourceList>;
}

/** The plugin folder of each kind of written volume, as upstream names them. */
export type ContentKind = 'configMap' | 'secret' | 'downwardAPI' | 'projected';
export const PLUGIN_DIRS: Readonly<Record<ContentKind, string>> = {
  configMap: 'kubernetes.io~configmap',
  secret: 'kubernetes.io~secret',
  downwardAPI: 'kubernetes.io~downward-api',
  projected: 'kubernetes.io~projected',
};

export function contentKind(volume: Volume): ContentKind | undefined {
  if (volume.configMap !== undefined) return 'configMap';
  if (volume.secret !== undefined) return 'secret';
  if (volume.downwardAPI !== undefined) return 'downwardAPI';
  if (volume.projected !== undefined) return 'projected';
  return undefined;
}

/** The ConfigMaps and Secrets a volume is made of (to watch them). */
export function objectRefs(namespace: string, volume: Volume): ObjectRef[] {
  const refs: ObjectRef[] = [];
  if (volume.configMap?.name) refs.push({ type: CONFIG_MAPS, namespace, name: volume.configMap.name });
  if (volume.secret?.secretName) refs.push({ type: SECRETS, namespace, name: volume.secret.secretName });
  for (const source of volume.projected?.sources ?? []) {
    if (source.configMap?.name) refs.push({ type: CONFIG_MAPS, namespace, name: source.configMap.name });
    if (source.secret?.name) refs.push({ type: SECRETS, namespace, name: source.secret.name });
  }
  return refs;
}

/** The token requests a volume makes (to refresh them in time). */
export function tokenAsks(pod: Pod, volume: Volume): TokenAsk[] {
  return (volume.projected?.sources ?? []).flatMap((s) => s.serviceAccountToken === undefined ? [] : [{
    namespace: pod.metadata?.namespace ?? '',
    serviceAccount: pod.spec?.serviceAccountName || pod.spec?.serviceAccount || 'default',
    audience: s.serviceAccountToken.audience ?? '',
    expirationSeconds: s.serviceAccountToken.expirationSeconds ?? DEFAULT_TOKEN_EXPIRATION_SECONDS,
    podName: pod.metadata?.name ?? '',
    podUid: pod.metadata?.uid ?? '',
  }]);
}

async function configMapFiles(src: ContentSources, namespace: string, s: { name?: string; items?: KeyToPath[]; optional?: boolean },
  mode: number, signal: AbortSignal): Promise<Map<string, FileProjection>> {
  const name = s.name ?? '';
  const optional = s.optional === true;
  const cm = await src.getConfigMap({ type: CONFIG_MAPS, namespace, name }, signal);
  if (cm === undefined && !optional) throw new Error(`configmap ${JSON.stringify(name)} not found`);
  return keyPayload('configmap', configMapKeys(cm?.data, cm?.binaryData), s.items, mode, optional);
}

async function secretFiles(src: ContentSources, namespace: string, name: string, items: readonly KeyToPath[] | undefined,
  optional: boolean, mode: number, signal: AbortSignal): Promise<Map<string, FileProjection>> {
  const secret = await src.getSecret({ type: SECRETS, namespace, name }, signal);
  if (secret === undefined && !optional) throw new Error(`secret ${JSON.stringify(name)} not found`);
  return keyPayload('secret', secretKeys(secret?.data, secret?.stringData), items, mode, optional);
}

async function projectedFiles(src: ContentSources, pod: Pod, volume: Volume, signal: AbortSignal): Promise<Map<string, FileProjection>> {
  const namespace = pod.metadata?.namespace ?? '';
  const mode = volume.projected?.defaultMode ?? DEFAULT_FILE_MODE;
  const out = new Map<string, FileProjection>();
  const errors: string[] = [];
  const asks = tokenAsks(pod, volume);
  let tokenIndex = 0;
  for (const source of volume.projected?.sources ?? []) {
    try {
      let files: Map<string, FileProjection> = new Map();
      if (source.configMap !== undefined) {
        files = await configMapFiles(src, namespace, source.configMap, mode, signal);
      } else if (source.secret !== undefined) {
        files = await secretFiles(src, namespace, source.secret.name ?? '', source.secret.items, source.secret.optional === true, mode, signal);
      } else if (source.downwardAPI !== undefined) {
        files = downwardApiPayload(pod, source.downwardAPI.items ?? [], mode, await src.allocatable(signal));
      } else if (source.clusterTrustBundle !== undefined) {
        throw new Error('clusterTrustBundle projections are not supported on this node');
      } else if (source.serviceAccountToken !== undefined) {
        const ask = asks[tokenIndex++];
        // With fsGroup the token starts owner-only; the group gets read access from fsGroup (0640).
        const tokenMode = pod.spec?.securityContext?.fsGroup === undefined ? mode : 0o600;
        if (ask !== undefined) files.set(source.serviceAccountToken.path, { data: Buffer.from(await src.token(ask, signal)), mode: tokenMode });
      }
      for (const [path, file] of files) out.set(path, file);
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
  }
  if (errors.length > 0) throw new Error(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
  return out;
}

/** The files of a written volume; throws with upstream's message when a source is missing. */
export async function volumeContent(src: ContentSources, pod: Pod, volume: Volume, signal: AbortSignal): Promise<Map<string, FileProjection>> {
  const namespace = pod.metadata?.namespace ?? '';
  if (volume.configMap !== undefined) {
    return configMapFiles(src, namespace, volume.configMap, volume.configMap.defaultMode ?? DEFAULT_FILE_MODE, signal);
  }
  if (volume.secret !== undefined) {
    const s = volume.secret;
    return secretFiles(src, namespace, s.secretName ?? '', s.items, s.optional === true, s.defaultMode ?? DEFAULT_FILE_MODE, signal);
  }
  if (volume.downwardAPI !== undefined) {
    const d = volume.downwardAPI;
    return downwardApiPayload(pod, d.items ?? [], d.defaultMode ?? DEFAULT_FILE_MODE, await src.allocatable(signal));
  }
  if (volume.projected !== undefined) return projectedFiles(src, pod, volume, signal);
  throw new Error(`volume ${volume.name} is not a configMap, secret, downwardAPI or projected volume`);
}
