// OCI image layout archives (image-spec v1.0 "oci-layout" tarballs) built in memory: one
// gzip'ed layer, a config, a manifest, and an index.json naming the image. Each name gets
// both annotations: `io.containerd.image.name` (full reference; what `ctr images import`
// uses as the image name) and `org.opencontainers.image.ref.name` (the tag, per the spec).

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { writeTar, type TarEntry } from './tar.ts';

export const mediaTypes = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

export interface ImageDefinition {
  /** Full references, e.g. docker.io/library/busybox:1.36. At least one. */
  readonly names: readonly string[];
  /** The one layer's contents. */
  readonly files: readonly TarEntry[];
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  readonly env?: readonly string[];
  readonly workingDir?: string;
}

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
}

export interface BuiltImage {
  /** The OCI layout tar, ready for `ctr images import`. */
  readonly archive: Buffer;
  readonly manifest: Descriptor;
  readonly config: Descriptor;
  readonly layer: Descriptor;
  /** sha256 of the uncompressed layer (the config's rootfs.diff_ids entry). */
  readonly diffId: string;
}

const sha256 = (data: Uint8Array): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** The OCI platform of this Node.js process (Go's GOARCH names). */
export function ociArchitecture(arch: string = process.arch): string {
  const map: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };
  return map[arch] ?? arch;
}

/** The tag of a reference (after the last ':' that follows the last '/'), or "latest". */
export function tagOf(reference: string): string {
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  return colon > slash ? reference.slice(colon + 1) : 'latest';
}

/** Builds the archive. Deterministic: the same definition gives byte-identical output. */
export function buildOciArchive(image: ImageDefinition): BuiltImage {
  if (image.names.length === 0) throw new Error('an image needs at least one name');
  const layerTar = writeTar(image.files);
  const diffId = sha256(layerTar);
  const layerGz = gzipSync(layerTar, { level: 9 });
  const layer: Descriptor = { mediaType: mediaTypes.layerGzip, digest: sha256(layerGz), size: layerGz.length };
  const architecture = ociArchitecture();
  const configJson = Buffer.from(JSON.stringify({
    created: '1970-01-01T00:00:00Z',
    architecture,
    os: 'linux',
    config: {
      Env: image.env ?? ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ...(image.entrypoint === undefined ? {} : { Entrypoint: image.entrypoint }),
      ...(image.cmd === undefined ? {} : { Cmd: image.cmd }),
      ...(image.workingDir === undefined ? {} : { WorkingDir: image.workingDir }),
    },
    rootfs: { type: 'layers', diff_ids: [diffId] },
    history: [{ created: '1970-01-01T00:00:00Z', created_by: 'k8ts images' }],
  }));
  const config: Descriptor = { mediaType: mediaTypes.config, digest: sha256(configJson), size: configJson.length };
  const manifestJson = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: mediaTypes.manifest, config, layers: [layer] }));
  const manifest: Descriptor = { mediaType: mediaTypes.manifest, digest: sha256(manifestJson), size: manifestJson.length };
  const index = {
    schemaVersion: 2,
    mediaType: mediaTypes.index,
    manifests: image.names.map((name) => ({
      ...manifest,
      platform: { architecture, os: 'linux' },
      annotations: { 'io.containerd.image.name': name, 'org.opencontainers.image.ref.name': tagOf(name) },
    })),
  };
  const blob = (d: Descriptor, data: Buffer): TarEntry => ({ type: 'file', name: `blobs/sha256/${d.digest.slice('sha256:'.length)}`, data });
  const archive = writeTar([
    { type: 'file', name: 'oci-layout', data: Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })) },
    { type: 'dir', name: 'blobs' },
    { type: 'dir', name: 'blobs/sha256' },
    blob(layer, layerGz),
    blob(config, configJson),
    blob(manifest, manifestJson),
    { type: 'file', name: 'index.json', data: Buffer.from(JSON.stringify(index)) },
  ]);
  return { archive, manifest, config, layer, diffId };
}
