// Setting up one volume of a pod, by kind. Directories follow upstream's layout
// (<podsDir>/<uid>/volumes/kubernetes.io~<plugin>/<name>) so tools that know the kubelet's
// tree find them; hostPath and persistent volumes are the host paths themselves.

import { chmod, lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PersistentVolume, PersistentVolumeClaim, Pod, Volume } from '../../api/types/core/v1/index.ts';
import { VolumeNotReadyError, type HostVolume } from '../seams.ts';
import { DATA_DIR_NAME, writeAtomically } from './atomic-writer.ts';
import { contentKind, PLUGIN_DIRS, volumeContent, type ContentSources } from './content.ts';
import { checkHostPath } from './hostpath.ts';
import { applyFsGroup } from './ownership.ts';
import { isMountPoint } from './mounts.ts';
import { memoryVolumeSize } from './tmpfs-size.ts';

export const EMPTY_DIR_PLUGIN = 'kubernetes.io~empty-dir';

export interface PluginContext {
  /** <podsDir>/<uid>/volumes */
  readonly volumesDir: string;
  readonly sources: ContentSources;
  getClaim(namespace: string, name: string, signal: AbortSignal): Promise<PersistentVolumeClaim | undefined>;
  getVolume(name: string, signal: AbortSignal): Promise<PersistentVolume | undefined>;
  /** Mounts a tmpfs; false when this host does not allow it (the directory is used as is). */
  tmpfs(dir: string, sizeBytes: bigint | undefined): Promise<boolean>;
  now(): number;
}

function fail(volume: Volume, message: string): never {
  throw new VolumeNotReadyError(volume.name, message);
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(() => true, () => false);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Upstream wraps secret, downwardAPI and projected volumes in a memory-backed emptyDir. */
const MEMORY_BACKED = new Set(['secret', 'downwardAPI', 'projected']);

/** The directory of a written volume, made (and backed by tmpfs where upstream does) if new. */
async function contentDir(ctx: PluginContext, pod: Pod, volume: Volume, signal: AbortSignal): Promise<string> {
  const kind = contentKind(volume);
  if (kind === undefined) fail(volume, 'not a written volume');
  const dir = join(ctx.volumesDir, PLUGIN_DIRS[kind], volume.name);
  await mkdir(dir, { recursive: true, mode: 0o750 });
  // A volume already written is already backed: skip reading the mount table on every sync.
  if (MEMORY_BACKED.has(kind) && !await exists(join(dir, DATA_DIR_NAME)) && !await isMountPoint(dir)) {
    await ctx.tmpfs(dir, memoryVolumeSize(pod, undefined, await ctx.sources.allocatable(signal)));
  }
  return dir;
}

/** Writes (or rewrites, when changed) a configMap/secret/downwardAPI/projected volume. */
export async function writeContentVolume(ctx: PluginContext, pod: Pod, volume: Volume, signal: AbortSignal): Promise<{ dir: string; written: boolean }> {
  const dir = await contentDir(ctx, pod, volume, signal);
  let payload;
  try {
    payload = await volumeContent(ctx.sources, pod, volume, signal);
  } catch (err) {
    fail(volume, messageOf(err));
  }
  const fsGroup = pod.spec?.securityContext?.fsGroup;
  const beforeSwap = fsGroup === undefined ? undefined : (d: string): Promise<void> => applyFsGroup(d, fsGroup, true);
  return { dir, written: await writeAtomically(dir, payload, ctx.now(), beforeSwap) };
}

async function emptyDir(ctx: PluginContext, pod: Pod, volume: Volume, signal: AbortSignal): Promise<HostVolume> {
  const dir = join(ctx.volumesDir, EMPTY_DIR_PLUGIN, volume.name);
  const created = await mkdir(dir, { recursive: true, mode: 0o750 }) !== undefined;
  let mounted = false;
  const medium = volume.emptyDir?.medium ?? '';
  if (medium === 'Memory') {
    if (!await isMountPoint(dir)) {
      const size = memoryVolumeSize(pod, volume.emptyDir?.sizeLimit, await ctx.sources.allocatable(signal));
      if (!await ctx.tmpfs(dir, size)) fail(volume, `cannot mount a tmpfs at ${dir}`);
      mounted = true;
    }
  } else if (medium !== '') {
    fail(volume, `unknown storage medium ${JSON.stringify(medium)}`);
  }
  // Any container user may write an emptyDir; mode and fsGroup are set when it is new (containers
  // may fill it with many files later, which every sync would otherwise walk again; a later chmod
  // would also drop the setgid bit that makes new files inherit fsGroup).
  if (!created && !mounted) return { hostPath: dir, readOnly: false };
  await chmod(dir, 0o777);
  const fsGroup = pod.spec?.securityContext?.fsGroup;
  if (fsGroup !== undefined) await applyFsGroup(dir, fsGroup, false);
  return { hostPath: dir, readOnly: false };
}

async function hostPath(volume: Volume): Promise<HostVolume> {
  const path = volume.hostPath?.path ?? '';
  let problem: string | undefined;
  try {
    problem = await checkHostPath(path, volume.hostPath?.type);
  } catch (err) {
    problem = messageOf(err);
  }
  if (problem !== undefined) fail(volume, problem);
  return { hostPath: path, readOnly: false };
}

/**
 * A persistentVolumeClaim volume, or a generic ephemeral one: the claim named
 * <pod>-<volume> that the ephemeral volume controller creates for (and owned by) the pod.
 */
async function claim(ctx: PluginContext, pod: Pod, volume: Volume, signal: AbortSignal): Promise<HostVolume> {
  const namespace = pod.metadata?.namespace ?? '';
  const ephemeral = volume.ephemeral !== undefined;
  const claimName = ephemeral ? `${pod.metadata?.name ?? ''}-${volume.name}` : volume.persistentVolumeClaim?.claimName ?? '';
  const pvc = await ctx.getClaim(namespace, claimName, signal);
  if (pvc === undefined) fail(volume, `persistentvolumeclaim ${JSON.stringify(claimName)} not found`);
  if (ephemeral && !(pvc.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === pod.metadata?.uid)) {
    fail(volume, `PVC ${namespace}/${claimName} was not created for pod ${namespace}/${pod.metadata?.name ?? ''} (pod is not owner)`);
  }
  if (pvc.metadata?.deletionTimestamp !== undefined) fail(volume, `can't start pod because PVC ${namespace}/${claimName} is being deleted`);
  const pvName = pvc.spec?.volumeName ?? '';
  if (pvc.status?.phase !== 'Bound' || pvName === '') fail(volume, `persistentvolumeclaim ${claimName} not bound`);
  const pv = await ctx.getVolume(pvName, signal);
  if (pv === undefined) fail(volume, `persistentvolume ${JSON.stringify(pvName)} not found`);
  const boundTo = pv.spec?.claimRef;
  if (boundTo?.uid !== undefined && boundTo.uid !== '' && boundTo.uid !== pvc.metadata?.uid) {
    fail(volume, `persistentvolume ${pvName} is bound to another claim`);
  }
  const path = pv.spec?.hostPath?.path ?? pv.spec?.local?.path;
  if (path === undefined) fail(volume, `persistentvolume ${pvName} is neither hostPath nor local: not supported on this node`);
  if (pv.spec?.hostPath !== undefined) {
    const problem = await checkHostPath(path, pv.spec.hostPath.type).catch(messageOf);
    if (problem !== undefined) fail(volume, problem);
  } else if ((await checkHostPath(path, 'Directory').catch(messageOf)) !== undefined) {
    fail(volume, `path ${JSON.stringify(path)} does not exist`);
  }
  return { hostPath: path, readOnly: volume.persistentVolumeClaim?.readOnly === true };
}

/** Makes one volume ready; rejects with VolumeNotReadyError (upstream's message) when it cannot. */
export async function setUpVolume(ctx: PluginContext, pod: Pod, volume: Volume, signal: AbortSignal): Promise<HostVolume> {
  if (contentKind(volume) !== undefined) {
    const { dir } = await writeContentVolume(ctx, pod, volume, signal);
    return { hostPath: dir, readOnly: true };
  }
  if (volume.emptyDir !== undefined) return emptyDir(ctx, pod, volume, signal);
  if (volume.hostPath !== undefined) return hostPath(volume);
  if (volume.persistentVolumeClaim !== undefined || volume.ephemeral !== undefined) return claim(ctx, pod, volume, signal);
  return fail(volume, `no volume plugin matched volume ${JSON.stringify(volume.name)}: this node supports emptyDir, hostPath, configMap, secret, downwardAPI, projected, persistentVolumeClaim and ephemeral`);
}
