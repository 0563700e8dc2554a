import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage, path } from '../../../../api/field-errors.ts';
import type { Container, Pod, PodSpec } from '../../../../api/types/core/v1/index.ts';
import { defaultPod } from './defaults.ts';
import { validatePod, validatePodTemplateSpec } from './validation.ts';

/** A valid, defaulted pod; `change` edits it afterwards (so defaults do not hide the mistake). */
function pod(change: (spec: PodSpec, container: Container, p: Pod) => void = () => undefined): Pod {
  const p: Pod = { metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } };
  defaultPod(p);
  const spec = p.spec as PodSpec;
  change(spec, spec.containers[0] as Container, p);
  return p;
}

const LABEL_REGEX = "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

const cases: Array<[string, (spec: PodSpec, c: Container, p: Pod) => void, string[]]> = [
  ['valid pod', () => undefined, []],
  ['no containers', (s) => { s.containers = []; }, ['spec.containers: Required value']],
  ['duplicate container names', (s, c) => { s.containers.push({ ...c }); }, ['spec.containers[1].name: Duplicate value: "app"']],
  ['init container named like a container', (s, c) => { s.initContainers = [{ ...c }]; }, ['spec.initContainers[0].name: Duplicate value: "app"']],
  ['ephemeral containers on create', (s, c) => { s.ephemeralContainers = [{ ...c, name: 'debug' }]; }, ['spec.ephemeralContainers: Forbidden: cannot be set on create']],
  ['container name not a DNS label', (_s, c) => { c.name = 'App_1'; }, [
    `spec.containers[0].name: Invalid value: "App_1": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character ${LABEL_REGEX}`,
  ]],
  ['image required', (_s, c) => { delete c.image; }, ['spec.containers[0].image: Required value']],
  ['image with whitespace', (_s, c) => { c.image = ' nginx'; }, ['spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace']],
  ['port out of range', (_s, c) => { c.ports = [{ containerPort: 70000, protocol: 'TCP' }]; }, ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive']],
  ['port zero', (_s, c) => { c.ports = [{ containerPort: 0, protocol: 'TCP' }]; }, ['spec.containers[0].ports[0].containerPort: Required value']],
  ['unknown protocol', (_s, c) => { c.ports = [{ containerPort: 80, protocol: 'ICMP' as 'TCP' }]; }, [
    'spec.containers[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
  ]],
  ['port names: long and duplicate', (_s, c) => {
    c.ports = [{ name: 'a-very-long-port-name', containerPort: 80, protocol: 'TCP' }, { name: 'http', containerPort: 81, protocol: 'TCP' }, { name: 'http', containerPort: 82, protocol: 'TCP' }];
  }, ['spec.containers[0].ports[0].name: Invalid value: "a-very-long-port-name": must be no more than 15 characters', 'spec.containers[0].ports[2].name: Duplicate value: "http"']],
  ['env name with =', (_s, c) => { c.env = [{ name: 'A=B', value: '1' }]; }, [
    "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
  ]],
  ['env value and valueFrom', (_s, c) => { c.env = [{ name: 'A', value: 'x', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }]; }, [
    'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
  ]],
  ['volume with two sources', (s) => { s.volumes = [{ name: 'data', emptyDir: {}, hostPath: { path: '/x', type: '' } }]; }, ['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type']],
  ['duplicate volume names', (s) => { s.volumes = [{ name: 'data', emptyDir: {} }, { name: 'data', emptyDir: {} }]; }, ['spec.volumes[1].name: Duplicate value: "data"']],
  ['secret volume without a name', (s) => { s.volumes = [{ name: 's', secret: { defaultMode: 420 } }]; }, ['spec.volumes[0].secret.secretName: Required value']],
  ['bad hostPath type', (s) => { s.volumes = [{ name: 'h', hostPath: { path: '/x', type: 'Dir' as 'Directory' } }]; }, [
    'spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
  ]],
  ['mount of a missing volume', (_s, c) => { c.volumeMounts = [{ name: 'missing', mountPath: '/data' }]; }, ['spec.containers[0].volumeMounts[0].name: Not found: "missing"']],
  ['request above limit', (_s, c) => { c.resources = { limits: { cpu: '1' }, requests: { cpu: '2' } }; }, [
    'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
  ]],
  ['negative limit', (_s, c) => { c.resources = { limits: { memory: '-1' } }; }, ['spec.containers[0].resources.limits[memory]: Invalid value: "-1": must be greater than or equal to 0']],
  ['fractional extended resource', (_s, c) => { c.resources = { limits: { 'example.com/gpu': '500m' }, requests: { 'example.com/gpu': '500m' } }; }, [
    'spec.containers[0].resources.limits[example.com/gpu]: Invalid value: "500m": must be an integer',
    'spec.containers[0].resources.requests[example.com/gpu]: Invalid value: "500m": must be an integer',
  ]],
  ['extended resource without limit', (_s, c) => { c.resources = { requests: { 'example.com/gpu': '1' } }; }, [
    'spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
  ]],
  ['unknown unprefixed resource', (_s, c) => { c.resources = { limits: { gpu: '1' } }; }, [
    'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
    'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
  ]],
  ['restart policy', (s) => { s.restartPolicy = 'Sometimes' as 'Always'; }, ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']],
  ['dns policy', (s) => { s.dnsPolicy = 'Cluster' as 'None'; }, [
    'spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
  ]],
  ['dns policy None without config', (s) => { s.dnsPolicy = 'None'; }, ['spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None']],
  ['node selector label', (s) => { s.nodeSelector = { 'bad key': 'x' }; }, [
    "spec.nodeSelector: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  ]],
  ['toleration without key needs Exists', (s) => { s.tolerations = [{ operator: 'Equal', value: 'x' }]; }, [
    'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
  ]],
  ['toleration seconds need NoExecute', (s) => { s.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }]; }, [
    "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
  ]],
  ['Exists toleration with a value', (s) => { s.tolerations = [{ key: 'k', operator: 'Exists', value: 'x' }]; }, [
    "spec.tolerations[0].operator: Invalid value: \"x\": value must be empty when `operator` is 'Exists'",
  ]],
  ['toleration effect', (s) => { s.tolerations = [{ key: 'k', operator: 'Exists', effect: 'Never' as 'NoExecute' }]; }, [
    'spec.tolerations[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
  ]],
  ['active deadline', (s) => { s.activeDeadlineSeconds = 0; }, ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']],
  ['probe with two handlers', (_s, c) => { c.livenessProbe = { exec: { command: ['true'] }, tcpSocket: { port: 80 }, successThreshold: 1 }; }, [
    'spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
  ]],
  ['probe without handler', (_s, c) => { c.readinessProbe = { periodSeconds: 10 }; }, ['spec.containers[0].readinessProbe: Required value: must specify a handler type']],
  ['liveness success threshold', (_s, c) => { c.livenessProbe = { exec: { command: ['true'] }, successThreshold: 2, periodSeconds: -1 }; }, [
    'spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
    'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
  ]],
  ['sleep longer than the grace period', (_s, c) => { c.lifecycle = { preStop: { sleep: { seconds: 60 } } }; }, [
    'spec.containers[0].lifecycle.preStop.sleep: Invalid value: 60: must be non-negative and less than terminationGracePeriodSeconds (30)',
  ]],
  ['init container probes', (s) => { s.initContainers = [{ name: 'init', image: 'i:1', imagePullPolicy: 'Always', terminationMessagePolicy: 'File', livenessProbe: { exec: { command: ['x'] } } }]; }, [
    'spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
  ]],
  ['hostname', (s) => { s.hostname = 'Bad.Host'; }, [
    `spec.hostname: Invalid value: "Bad.Host": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character ${LABEL_REGEX}`,
  ]],
  ['run as user', (s) => { s.securityContext = { runAsUser: -1 }; }, ['spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 4294967295, inclusive']],
  ['host network port mismatch', (s, c) => { s.hostNetwork = true; c.ports = [{ containerPort: 80, protocol: 'TCP' }]; }, [
    'spec.containers[0].ports[0].hostPort: Invalid value: 0: must match `containerPort` when `hostNetwork` is true',
  ]],
  ['bound while gated', (s) => { s.nodeName = 'n1'; s.schedulingGates = [{ name: 'example.com/wait' }]; }, [
    'spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared',
  ]],
  ['deletion cost annotation', (_s, _c, p) => { p.metadata = { ...p.metadata, annotations: { 'controller.kubernetes.io/pod-deletion-cost': 'abc' } }; }, [
    'metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "abc": must be a 32bit integer',
  ]],
];

test('validatePod: upstream messages', () => {
  for (const [name, change, expected] of cases) {
    assert.deepEqual(validatePod(pod(change)).map(fieldErrorMessage), expected, name);
  }
});

test('validatePodTemplateSpec: template paths, host ports left to defaulting, no ephemeral containers', () => {
  const errs = validatePodTemplateSpec({
    metadata: { labels: { 'bad key': 'x' } },
    spec: {
      hostNetwork: true, restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30,
      containers: [{ name: 'app', image: 'a:1', imagePullPolicy: 'Always', terminationMessagePolicy: 'File', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
      ephemeralContainers: [{ name: 'debug', image: 'busybox', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' }],
    },
  }, path('spec', 'template'));
  assert.deepEqual(errs.map((e) => e.field), ['spec.template.labels', 'spec.template.spec.ephemeralContainers']);
  assert.equal(errs[1]?.detail, 'ephemeral containers not allowed in pod template');
});
