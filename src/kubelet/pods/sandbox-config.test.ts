import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { etcHostsContent, writeEtcHosts } from './etc-hosts.ts';
import { diskPodFiles, MemoryPodFiles } from './pod-files.ts';
import { dnsConfig, parseResolvConf, podHostname, sandboxConfig } from './sandbox-config.ts';

const host = parseResolvConf('# generated\nnameserver 192.168.1.1\nnameserver 192.168.1.2\nsearch corp.example lan\noptions edns0 ndots:2\n');
const ctx = { clusterDNS: ['10.43.0.10'], clusterDomain: 'cluster.local', hostResolv: host };

test('dnsConfig per dnsPolicy', () => {
  const cluster = { servers: ['10.43.0.10'], searches: ['ns1.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'corp.example', 'lan'], options: ['ndots:5'] };
  const fromHost = { servers: ['192.168.1.1', '192.168.1.2'], searches: ['corp.example', 'lan'], options: ['edns0', 'ndots:2'] };
  const cases: { name: string; spec: Partial<NonNullable<Pod['spec']>>; want: object; dns?: readonly string[] }[] = [
    { name: 'ClusterFirst (default)', spec: {}, want: cluster },
    { name: 'ClusterFirst on the host network behaves as Default', spec: { hostNetwork: true }, want: fromHost },
    { name: 'ClusterFirstWithHostNet', spec: { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }, want: cluster },
    { name: 'Default', spec: { dnsPolicy: 'Default' }, want: fromHost },
    { name: 'ClusterFirst without cluster DNS falls back to Default', spec: {}, want: fromHost, dns: [] },
    { name: 'None + dnsConfig', spec: { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['a.example'], options: [{ name: 'ndots', value: '1' }, { name: 'rotate' }] } },
      want: { servers: ['1.1.1.1'], searches: ['a.example'], options: ['ndots:1', 'rotate'] } },
    { name: 'ClusterFirst + dnsConfig merges (options by name)', spec: { dnsConfig: { searches: ['extra.example'], options: [{ name: 'ndots', value: '2' }] } },
      want: { ...cluster, searches: [...cluster.searches, 'extra.example'], options: ['ndots:2'] } },
  ];
  for (const c of cases) {
    const pod: Pod = { metadata: { name: 'p', namespace: 'ns1' }, spec: { containers: [], ...c.spec } };
    assert.deepEqual(dnsConfig(pod, { ...ctx, ...(c.dns === undefined ? {} : { clusterDNS: c.dns }) }), c.want, c.name);
  }
});

test('sandboxConfig: labels, hostname, ports, namespaces, log directory', () => {
  const pod: Pod = {
    metadata: { name: 'web', namespace: 'ns1', uid: 'u1', labels: { app: 'x' } },
    spec: { hostname: 'h', subdomain: 's', shareProcessNamespace: true, securityContext: { runAsUser: 1000, fsGroup: 2000 },
      containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 81 }] }] },
  };
  const c = sandboxConfig(pod, 2, '/logs', ctx);
  assert.deepEqual(c.metadata, { name: 'web', namespace: 'ns1', uid: 'u1', attempt: 2 });
  assert.equal(c.hostname, 'h');
  assert.equal(c.logDirectory, '/logs/ns1_web_u1');
  assert.deepEqual(c.labels, { app: 'x', 'io.kubernetes.pod.name': 'web', 'io.kubernetes.pod.namespace': 'ns1', 'io.kubernetes.pod.uid': 'u1' });
  assert.deepEqual(c.portMappings, [{ protocol: 'TCP', containerPort: 80, hostPort: 8080 }]);
  assert.deepEqual(c.linux?.securityContext?.namespaceOptions, { network: 'POD', pid: 'POD', ipc: 'POD' });
  assert.deepEqual(c.linux?.securityContext?.runAsUser, { value: 1000 });
  assert.deepEqual(c.linux?.securityContext?.supplementalGroups, [2000]);
  const hostNet = sandboxConfig({ ...pod, spec: { ...pod.spec, containers: [], hostNetwork: true, hostPID: true } }, 0, '/logs', ctx);
  assert.equal(hostNet.hostname, undefined, 'no hostname in the node UTS namespace');
  assert.deepEqual(hostNet.linux?.securityContext?.namespaceOptions, { network: 'NODE', pid: 'NODE', ipc: 'POD' });
});

test('hostname is cut to 63 characters without a trailing dash or dot; /etc/hosts has the FQDN and host aliases', () => {
  assert.equal(podHostname({ metadata: { name: `${'a'.repeat(62)}-b` } }), 'a'.repeat(62));
  const pod: Pod = { metadata: { name: 'web', namespace: 'ns1' }, spec: { containers: [], subdomain: 'svc1', hostAliases: [{ ip: '10.9.9.9', hostnames: ['a', 'b'] }] } };
  const text = etcHostsContent(pod, ['10.1.0.4'], 'cluster.local');
  assert.match(text, /^# Kubernetes-managed hosts file\.\n127\.0\.0\.1\tlocalhost\n/);
  assert.match(text, /^10\.1\.0\.4\tweb\.svc1\.ns1\.svc\.cluster\.local\tweb$/m);
  assert.match(text, /\n# Entries added by HostAliases\.\n10\.9\.9\.9\ta\tb\n$/);
  assert.equal(etcHostsContent({ metadata: { name: 'plain', namespace: 'ns1' }, spec: { containers: [] } }, ['10.1.0.5'], 'cluster.local'),
    '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n'
    + 'fe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n10.1.0.5\tplain\n');
});

test('/etc/hosts is written when its content differs from the file, and the file is left alone while it matches what was written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-etc-hosts-'));
  try {
    for (const [name, files] of [['disk', diskPodFiles], ['memory', new MemoryPodFiles()]] as const) {
      const podDir = join(dir, name, 'uid-1');
      const path = await writeEtcHosts(files, podDir, 'one\n', undefined);
      assert.equal(await files.read(path), 'one\n', name);
      if (files === diskPodFiles) assert.equal(readFileSync(path, 'utf8'), 'one\n', 'on disk');
      // Changed by hand: the same content as last written is not compared with the file again.
      await files.write(path, 'edited\n');
      await writeEtcHosts(files, podDir, 'one\n', 'one\n');
      assert.equal(await files.read(path), 'edited\n', name);
      // New content (a new pod IP) is written; after a restart (nothing remembered) the file is read and corrected.
      await writeEtcHosts(files, podDir, 'two\n', 'one\n');
      assert.equal(await files.read(path), 'two\n', name);
      await files.write(path, 'edited\n');
      await writeEtcHosts(files, podDir, 'two\n', undefined);
      assert.equal(await files.read(path), 'two\n', name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
