import assert from 'node:assert/strict';
import { test } from 'node:test';
import { notFound } from '../../api/status.ts';
import type { Node, Pod } from '../../api/types/core/v1/index.ts';
import type { ResourceRegistry } from '../registry/registry.ts';
import { isKubeletSubresource, kubeletTarget } from './kubelet-proxy.ts';
import { requestInfo, type ResourceRequest } from './request-info.ts';

const node: Node = {
  metadata: { name: 'n1' },
  status: { addresses: [{ type: 'Hostname', address: 'n1' }, { type: 'InternalIP', address: '10.0.0.5' }], daemonEndpoints: { kubeletEndpoint: { Port: 10251 } } },
};
const pods: Record<string, Pod> = {
  one: { metadata: { name: 'one', namespace: 'ns' }, spec: { nodeName: 'n1', containers: [{ name: 'app' }] } },
  two: { metadata: { name: 'two', namespace: 'ns' }, spec: { nodeName: 'n1', containers: [{ name: 'a' }, { name: 'b' }], initContainers: [{ name: 'init' }] } },
  unscheduled: { metadata: { name: 'unscheduled', namespace: 'ns' }, spec: { containers: [{ name: 'app' }] } },
};

/** Just enough of the registry: get for pods and nodes. */
const registry = {
  find: (_g: string, _v: string, resource: string) => ({
    get: async (_scope: unknown, name: string) => {
      const found = resource === 'nodes' ? (name === 'n1' ? node : undefined) : pods[name];
      if (found === undefined) throw notFound({ group: '', resource }, name);
      return found;
    },
  }),
} as unknown as ResourceRegistry;
const ctx = { registry, kubelet: { caPem: '', certPem: '', keyPem: '' } };

const cases: Array<[string, string, string, string | RegExp | undefined]> = [
  ['log of the only container', '/api/v1/namespaces/ns/pods/one/log', 'follow=true&tailLines=10&timestamps=true&insecureSkipTLSVerifyBackend=true', '10.0.0.5:10251/containerLogs/ns/one/app?follow=true&timestamps=true&tailLines=10'],
  ['log of a named container', '/api/v1/namespaces/ns/pods/two/log', 'container=b&previous=true&sinceSeconds=5&limitBytes=7', '10.0.0.5:10251/containerLogs/ns/two/b?previous=true&sinceSeconds=5&limitBytes=7'],
  ['log without a container in a pod of two', '/api/v1/namespaces/ns/pods/two/log', '', /a container name must be specified for pod two, choose one of: \[a b\] or one of the init containers: \[init\]/],
  ['log of a container the pod does not have', '/api/v1/namespaces/ns/pods/one/log', 'container=zzz', /container zzz is not valid for pod one/],
  ['log of an unscheduled pod: none', '/api/v1/namespaces/ns/pods/unscheduled/log', '', undefined],
  ['exec keeps the command and streams', '/api/v1/namespaces/ns/pods/one/exec', 'command=sh&command=-c&command=echo%20hi&stdin=true&stdout=true&tty=false&container=app', '10.0.0.5:10251/exec/ns/one/app?command=sh&command=-c&command=echo+hi&stdin=true&stdout=true&tty=false'],
  ['attach', '/api/v1/namespaces/ns/pods/one/attach', 'stdout=true', '10.0.0.5:10251/attach/ns/one/app?stdout=true'],
  ['exec on an unscheduled pod', '/api/v1/namespaces/ns/pods/unscheduled/exec', 'command=true', /pod unscheduled does not have a host assigned/],
  ['port-forward turns ports into port', '/api/v1/namespaces/ns/pods/one/portforward', 'ports=8080,9090', '10.0.0.5:10251/portForward/ns/one?port=8080&port=9090'],
  ['nodes/proxy keeps the rest of the path', '/api/v1/nodes/n1/proxy/stats/summary', 'only_cpu_and_memory=true', '10.0.0.5:10251/stats/summary?only_cpu_and_memory=true'],
  ['nodes/proxy with an explicit port', '/api/v1/nodes/n1:4194/proxy/', '', '10.0.0.5:4194/'],
  ['a pod that does not exist', '/api/v1/namespaces/ns/pods/ghost/log', '', /pods "ghost" not found/],
];

for (const [name, path, query, expected] of cases) {
  test(`kubelet target: ${name}`, async () => {
    const info = requestInfo('GET', path, new URLSearchParams(query)) as ResourceRequest;
    assert.ok(isKubeletSubresource(info));
    const result = kubeletTarget(ctx, info, path, new URLSearchParams(query));
    if (expected instanceof RegExp) {
      await assert.rejects(result, expected);
      return;
    }
    const target = await result;
    assert.equal(target === undefined ? undefined : `${target.host}:${target.port}${target.path}`, expected);
  });
}

test('only the kubelet subresources are proxied', () => {
  const info = (path: string): ResourceRequest => requestInfo('GET', path, new URLSearchParams()) as ResourceRequest;
  assert.equal(isKubeletSubresource(info('/api/v1/namespaces/ns/pods/one/status')), false);
  assert.equal(isKubeletSubresource(info('/api/v1/namespaces/ns/pods/one')), false);
  assert.equal(isKubeletSubresource(info('/api/v1/namespaces/ns/services/s/proxy')), false);
  assert.equal(isKubeletSubresource(info('/api/v1/nodes/n1/proxy/pods')), true);
});
