import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FieldSet } from './field-set.ts';
import { fieldsV1Json, fieldsV1Object, parseFieldsV1 } from './fields-v1.ts';
import { fieldElement, keyElement, parseElement, pathToString, valueElement, indexElement, type PathElement } from './path-element.ts';

// structured-merge-diff's own golden data (fieldpath/serialize_test.go): read, written back
// byte for byte.
const GOLDEN = [
  String.raw`{"f:aaa":{},"f:aab":{},"f:aac":{},"f:aad":{},"f:aae":{},"f:aaf":{},"k:{\"name\":\"first\"}":{},"k:{\"name\":\"second\"}":{},"k:{\"port\":443,\"protocol\":\"tcp\"}":{},"k:{\"port\":443,\"protocol\":\"udp\"}":{},"v:1":{},"v:2":{},"v:3":{},"v:\"aa\"":{},"v:\"ab\"":{},"v:true":{},"i:1":{},"i:2":{},"i:3":{},"i:4":{}}`,
  String.raw`{"f:aaa":{"k:{\"name\":\"second\"}":{"v:3":{"f:aab":{}}},"v:3":{},"v:true":{}},"f:aab":{"f:aaa":{},"f:aaf":{"k:{\"port\":443,\"protocol\":\"udp\"}":{"k:{\"port\":443,\"protocol\":\"tcp\"}":{}}},"k:{\"name\":\"first\"}":{}},"f:aac":{"f:aaa":{"v:1":{}},"f:aac":{},"v:3":{"k:{\"name\":\"second\"}":{}}},"f:aad":{"f:aac":{"v:1":{}},"f:aaf":{"k:{\"name\":\"first\"}":{"k:{\"name\":\"first\"}":{}}},"i:1":{"i:1":{},"i:3":{"v:true":{}}}},"f:aae":{"f:aae":{},"k:{\"port\":443,\"protocol\":\"tcp\"}":{"k:{\"port\":443,\"protocol\":\"udp\"}":{}},"i:4":{"f:aaf":{}}},"f:aaf":{"i:1":{"f:aac":{}},"i:2":{},"i:3":{}},"k:{\"name\":\"first\"}":{"f:aad":{"f:aaf":{}}},"k:{\"port\":443,\"protocol\":\"tcp\"}":{"f:aaa":{"f:aad":{}}},"k:{\"port\":443,\"protocol\":\"udp\"}":{"f:aac":{},"k:{\"name\":\"first\"}":{"i:3":{}},"k:{\"port\":443,\"protocol\":\"udp\"}":{"i:4":{}}},"v:1":{"f:aac":{"i:4":{}},"f:aaf":{},"k:{\"port\":443,\"protocol\":\"tcp\"}":{}},"v:2":{"f:aad":{"f:aaf":{}},"i:1":{}},"v:3":{"f:aaa":{},"k:{\"name\":\"first\"}":{},"i:2":{}},"v:\"aa\"":{"f:aab":{"f:aaf":{}},"f:aae":{},"k:{\"name\":\"first\"}":{"f:aad":{}},"i:2":{}},"v:\"ab\"":{"f:aaf":{"i:4":{}},"k:{\"port\":443,\"protocol\":\"tcp\"}":{},"k:{\"port\":443,\"protocol\":\"udp\"}":{},"v:1":{"k:{\"port\":443,\"protocol\":\"udp\"}":{}},"i:1":{"f:aae":{"i:4":{}}}},"v:true":{"k:{\"name\":\"second\"}":{"f:aaa":{}},"i:2":{"k:{\"port\":443,\"protocol\":\"tcp\"}":{}}},"i:1":{"i:3":{"f:aaf":{}}},"i:2":{"f:aae":{},"k:{\"port\":443,\"protocol\":\"tcp\"}":{"v:1":{}}},"i:3":{"f:aab":{"v:true":{"v:\"aa\"":{}}},"f:aaf":{},"i:1":{}},"i:4":{"v:\"aa\"":{"f:aab":{"k:{\"name\":\"second\"}":{}}}}}`,
];

// managedFields as upstream's integration tests expect them (test/integration/apiserver/apply).
const REAL = [
  String.raw`{"f:metadata":{"f:labels":{"f:sidecar_version":{}}},"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"sidecar\"}":{".":{},"f:image":{},"f:name":{}}}}}}}`,
  String.raw`{"f:metadata":{"f:labels":{"f:type":{}}},"f:spec":{"f:accessModes":{},"f:capacity":{"f:storage":{}},"f:claimRef":{"f:name":{},"f:namespace":{}},"f:hostPath":{"f:path":{}},"f:storageClassName":{}}}`,
  String.raw`{"f:metadata":{"f:annotations":{".":{},"f:deprecated.daemonset.template.generation":{}},"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:revisionHistoryLimit":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:env":{".":{},"k:{\"name\":\"ENV0\"}":{".":{},"f:name":{},"f:value":{}},"k:{\"name\":\"PATH\"}":{}},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:ports":{".":{},"k:{\"containerPort\":1,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:name":{},"f:protocol":{}},"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{}},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}},"f:updateStrategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}}}}`,
  String.raw`{"f:status":{"f:conditions":{"k:{\"type\":\"ContainersReady\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}}},"f:containerStatuses":{},"f:hostIP":{},"f:phase":{},"f:podIP":{},"f:podIPs":{".":{},"k:{\"ip\":\"10.42.0.5\"}":{".":{},"f:ip":{}}},"f:startTime":{}}}`,
  String.raw`{"f:metadata":{"f:finalizers":{".":{},"v:\"kubernetes.io/pv-protection\"":{}}}}`,
];

test('FieldsV1 golden data round-trips byte for byte', () => {
  for (const text of [...GOLDEN, ...REAL]) {
    const set = parseFieldsV1(text);
    assert.ok(set.ok, text);
    assert.equal(fieldsV1Json(set.value), text);
    // The object form serializes to the same text, and reads back to the same set.
    assert.equal(JSON.stringify(fieldsV1Object(set.value)), text);
    const again = parseFieldsV1(fieldsV1Object(set.value));
    assert.ok(again.ok && again.value.equals(set.value));
  }
});

test('FieldsV1 reading normalizes order and key JSON, and drops unknown element kinds', () => {
  const cases: Array<[string, string]> = [
    [`{"r:aab":{},"f:aaa":{}}`, `{"f:aaa":{}}`],
    [`{"f:b":{},"f:a":{}}`, `{"f:a":{},"f:b":{}}`],
    [String.raw`{"k:{ \"protocol\": \"TCP\", \"containerPort\": 80.0 }":{}}`, String.raw`{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{}}`],
    [`{"f:a":{"f:b":{},".":{}}}`, `{"f:a":{".":{},"f:b":{}}}`],
    [`{"f:a":{".":{}}}`, `{"f:a":{}}`],
    [`{"f:a":null}`, `{"f:a":{}}`],
    [`{"f:a":{"x:unknown":{}}}`, `{"f:a":{}}`],
    [`{}`, `{}`],
    // f: names are taken as written, spaces included (upstream test data has "f: spec").
    [`{"f: spec":{}}`, `{"f: spec":{}}`],
  ];
  for (const [input, want] of cases) {
    const set = parseFieldsV1(input);
    assert.ok(set.ok, input);
    assert.equal(fieldsV1Json(set.value), want, input);
  }
});

test('FieldsV1 reading fails on malformed keys', () => {
  for (const bad of ['', 'no-colon', 'i:index is not a number', 'i:1.23', 'i:', 'v:invalid json', 'v:', 'k:invalid json', 'k:{"name":invalid}']) {
    const pe = parseElement(bad);
    assert.equal(pe.ok, false, bad);
    assert.equal(parseFieldsV1({ [bad]: {} }).ok, false, bad);
  }
  assert.deepEqual(parseElement(''), { ok: false, error: 'key must be 2 characters long:' });
  assert.deepEqual(parseElement('no-colon'), { ok: false, error: 'missing colon: no-colon' });
  assert.equal(parseFieldsV1('not json').ok, false);
  assert.equal(parseFieldsV1('[]').ok, false);
});

test('path elements round-trip (upstream serialize-pe test data)', () => {
  for (const text of [
    'i:0', 'i:1234', 'f:', 'f:spec', 'f:more-complicated-string', 'k:{"name":"my-container"}',
    'k:{"port":"8080","protocol":"TCP"}', 'k:{"optionalField":null}',
    'k:{"jsonField":{"A":1,"B":null,"C":"D","E":{"F":"G"}}}', 'k:{"listField":["1","2","3"]}',
    'v:null', 'v:"some-string"', 'v:1234', 'v:{"some":"json"}',
  ]) {
    const pe = parseElement(text);
    assert.ok(pe.ok && pe.value !== undefined, text);
    assert.equal(pe.value.token, text);
  }
});

test('keys and values are written as json-iterator writes them: sorted keys, HTML escaped', () => {
  const cases: Array<[PathElement, string]> = [
    [keyElement([{ name: 'protocol', value: 'TCP' }, { name: 'containerPort', value: 80 }]), 'k:{"containerPort":80,"protocol":"TCP"}'],
    [keyElement([{ name: 'name', value: 'a<b>&c' }]), String.raw`k:{"name":"a\u003cb\u003e\u0026c"}`],
    [valueElement('line\nbreak\u2028'), String.raw`v:"line\nbreak\u2028"`],
    [valueElement({ b: 1, a: [true, null] }), 'v:{"a":[true,null],"b":1}'],
    [valueElement(1.5), 'v:1.5'],
    [indexElement(3), 'i:3'],
  ];
  for (const [pe, token] of cases) assert.equal(pe.token, token);
  // Outer keys are escaped without HTML escaping; a control character as \u00XX.
  const set = FieldSet.of([fieldElement('a<b\u0001')]);
  assert.equal(fieldsV1Json(set), String.raw`{"f:a<b\u0001":{}}`);
});

test('paths print as upstream prints them in conflicts', () => {
  const f = fieldElement;
  const cases: Array<[PathElement[], string]> = [
    [[f('spec'), f('replicas')], '.spec.replicas'],
    [[f('spec'), f('containers'), keyElement([{ name: 'name', value: 'nginx' }]), f('image')], '.spec.containers[name="nginx"].image'],
    [[f('ports'), keyElement([{ name: 'protocol', value: 'TCP' }, { name: 'containerPort', value: 80 }])], '.ports[containerPort=80,protocol="TCP"]'],
    [[f('finalizers'), valueElement('a/b')], '.finalizers[="a/b"]'],
    [[f('args'), indexElement(2)], '.args[2]'],
    [[f('x'), keyElement([{ name: 'n', value: 1000000 }])], '.x[n=1e+06]'],
  ];
  for (const [path, text] of cases) assert.equal(pathToString(path), text);
});
