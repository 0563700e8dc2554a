import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorize, type Attributes, type Subject } from './authorizer.ts';

test('the policy until RBAC: authenticated users may do everything, anonymous only public paths', () => {
  const admin: Subject = { name: 'admin', groups: ['system:masters', 'system:authenticated'] };
  const user: Subject = { name: 'jane', groups: ['system:authenticated'] };
  const anonymous: Subject = { name: 'system:anonymous', groups: ['system:unauthenticated'] };
  const listPods: Attributes = { kind: 'resource', verb: 'list', group: '', resource: 'pods', subresource: '', namespace: 'default', name: '' };
  const cases: Array<[Subject, Attributes, boolean]> = [
    [admin, listPods, true],
    [user, listPods, true],
    [anonymous, listPods, false],
    [anonymous, { kind: 'path', verb: 'get', path: '/healthz' }, true],
    [anonymous, { kind: 'path', verb: 'get', path: '/readyz/etcd' }, true],
    [anonymous, { kind: 'path', verb: 'get', path: '/api' }, false],
    [anonymous, { kind: 'path', verb: 'post', path: '/version' }, false],
  ];
  for (const [subject, attributes, allowed] of cases) assert.equal(authorize(subject, attributes).allowed, allowed, `${subject.name} ${JSON.stringify(attributes)}`);
});
