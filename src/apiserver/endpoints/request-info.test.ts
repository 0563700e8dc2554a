import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestInfo } from './request-info.ts';

test('request info from method and path', () => {
  const cases: Array<[string, string, string, string]> = [
    // method, path, query, expected "verb group/version ns resource name subresource"
    ['GET', '/api/v1/namespaces/default/pods', '', 'list /v1 default pods - -'],
    ['GET', '/api/v1/namespaces/default/pods', 'watch=true', 'watch /v1 default pods - -'],
    ['GET', '/api/v1/namespaces/default/pods/web', '', 'get /v1 default pods web -'],
    ['GET', '/api/v1/namespaces/default/pods/web/log', '', 'get /v1 default pods web log'],
    ['POST', '/api/v1/namespaces/default/pods/web/exec', '', 'connect /v1 default pods web exec'],
    ['GET', '/api/v1/pods', 'watch=1', 'watch /v1 - pods - -'],
    ['GET', '/api/v1/namespaces', '', 'list /v1 - namespaces - -'],
    ['GET', '/api/v1/namespaces/kube-system', '', 'get /v1 kube-system namespaces kube-system -'],
    ['PUT', '/api/v1/namespaces/x/finalize', '', 'update /v1 x namespaces x finalize'],
    ['PUT', '/api/v1/namespaces/x/status', '', 'update /v1 x namespaces x status'],
    ['DELETE', '/apis/apps/v1/namespaces/a/deployments', '', 'deletecollection apps/v1 a deployments - -'],
    ['PATCH', '/apis/apps/v1/namespaces/a/deployments/web/scale', '', 'patch apps/v1 a deployments web scale'],
    ['POST', '/apis/apps/v1/namespaces/a/deployments', '', 'create apps/v1 a deployments - -'],
    ['GET', '/api/v1/watch/namespaces/a/pods', '', 'watch /v1 a pods - -'],
    ['GET', '/apis/storage.k8s.io/v1/storageclasses/fast', '', 'get storage.k8s.io/v1 - storageclasses fast -'],
  ];
  for (const [method, path, query, expected] of cases) {
    const info = requestInfo(method, path, new URLSearchParams(query));
    assert.equal(info.kind, 'resource', path);
    if (info.kind !== 'resource') continue;
    const got = `${info.verb} ${info.group}/${info.version} ${info.namespace || '-'} ${info.resource} ${info.name || '-'} ${info.subresource || '-'}`;
    assert.equal(got, expected, `${method} ${path}?${query}`);
  }
});

test('discovery and other paths', () => {
  assert.deepEqual(requestInfo('GET', '/api', new URLSearchParams()), { kind: 'discovery', prefix: 'api', group: undefined, version: undefined });
  assert.deepEqual(requestInfo('GET', '/api/v1', new URLSearchParams()), { kind: 'discovery', prefix: 'api', group: '', version: 'v1' });
  assert.deepEqual(requestInfo('GET', '/apis', new URLSearchParams()), { kind: 'discovery', prefix: 'apis', group: undefined, version: undefined });
  assert.deepEqual(requestInfo('GET', '/apis/apps', new URLSearchParams()), { kind: 'discovery', prefix: 'apis', group: 'apps', version: undefined });
  assert.deepEqual(requestInfo('GET', '/apis/apps/v1', new URLSearchParams()), { kind: 'discovery', prefix: 'apis', group: 'apps', version: 'v1' });
  assert.deepEqual(requestInfo('GET', '/healthz', new URLSearchParams()), { kind: 'other', verb: 'get', path: '/healthz' });
});
