// Round trip of the OCI archive writer: read the tar back with our reader and check every
// digest, the manifest/config/index wiring and the layer contents. Needs no root.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { buildOciArchive, mediaTypes, tagOf } from './oci.ts';
import { readTar, writeTar, type ReadEntry } from './tar.ts';

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function byName(entries: readonly ReadEntry[]): Map<string, ReadEntry> {
  return new Map(entries.map((e) => [e.name, e]));
}

test('tar: round trip of files, dirs, symlinks and long names', () => {
  const long = `${'d'.repeat(120)}/${'f'.repeat(90)}`;
  const archive = writeTar([
    { type: 'dir', name: 'bin' },
    { type: 'file', name: 'bin/x', data: Buffer.from('hello'), mode: 0o755 },
    { type: 'symlink', name: 'bin/y', target: 'x' },
    { type: 'file', name: long, data: Buffer.alloc(1000, 7) },
  ]);
  assert.equal(archive.length % 512, 0);
  const entries = readTar(archive);
  assert.deepEqual(entries.map((e) => [e.name, e.type]), [['bin/', 'dir'], ['bin/x', 'file'], ['bin/y', 'symlink'], [long, 'file']]);
  assert.equal(entries[1]?.data.toString(), 'hello');
  assert.equal(entries[1]?.mode, 0o755);
  assert.equal(entries[2]?.target, 'x');
  assert.equal(entries[3]?.data.length, 1000);
  assert.throws(() => writeTar([{ type: 'file', name: 'x'.repeat(300), data: Buffer.alloc(0) }]), /too long/);
});

test('oci: archive digests, manifest, config and index agree', () => {
  const built = buildOciArchive({
    names: ['docker.io/library/demo:1.0', 'localhost:5000/demo'],
    files: [{ type: 'dir', name: 'bin' }, { type: 'file', name: 'bin/hi', data: Buffer.from('#!/bin/sh\necho hi\n'), mode: 0o755 }],
    entrypoint: ['/bin/hi'],
  });
  const files = byName(readTar(built.archive));
  assert.deepEqual(JSON.parse(files.get('oci-layout')?.data.toString() ?? ''), { imageLayoutVersion: '1.0.0' });
  const blob = (digest: string): Buffer => {
    const entry = files.get(`blobs/sha256/${digest.slice(7)}`);
    assert.ok(entry, `blob ${digest} present`);
    assert.equal(sha(entry.data), digest, 'blob content matches its name');
    return entry.data;
  };
  const index = JSON.parse(files.get('index.json')?.data.toString() ?? '') as { manifests: { digest: string; annotations: Record<string, string> }[] };
  assert.deepEqual(index.manifests.map((m) => m.annotations['io.containerd.image.name']), ['docker.io/library/demo:1.0', 'localhost:5000/demo']);
  assert.deepEqual(index.manifests.map((m) => m.annotations['org.opencontainers.image.ref.name']), ['1.0', 'latest']);
  const manifestBytes = blob(index.manifests[0]?.digest ?? '');
  assert.equal(manifestBytes.length, built.manifest.size);
  const manifest = JSON.parse(manifestBytes.toString()) as { mediaType: string; config: { digest: string; size: number }; layers: { digest: string; size: number; mediaType: string }[] };
  assert.equal(manifest.mediaType, mediaTypes.manifest);
  const config = JSON.parse(blob(manifest.config.digest).toString()) as { rootfs: { diff_ids: string[] }; config: { Entrypoint: string[] }; os: string };
  assert.deepEqual(config.config.Entrypoint, ['/bin/hi']);
  assert.equal(config.os, 'linux');
  const layerGz = blob(manifest.layers[0]?.digest ?? '');
  assert.equal(manifest.layers[0]?.mediaType, mediaTypes.layerGzip);
  const layer = gunzipSync(layerGz);
  assert.deepEqual(config.rootfs.diff_ids, [sha(layer)]);
  const layerFiles = byName(readTar(layer));
  assert.equal(layerFiles.get('bin/hi')?.data.toString(), '#!/bin/sh\necho hi\n');
  // Deterministic: same input, same bytes.
  assert.equal(sha(buildOciArchive({ names: ['a:1'], files: [] }).archive), sha(buildOciArchive({ names: ['a:1'], files: [] }).archive));
});

test('oci: tagOf', () => {
  const cases: [string, string][] = [['busybox', 'latest'], ['a/b:1.2', '1.2'], ['localhost:5000/x', 'latest'], ['localhost:5000/x:v1', 'v1']];
  for (const [ref, tag] of cases) assert.equal(tagOf(ref), tag, ref);
});
