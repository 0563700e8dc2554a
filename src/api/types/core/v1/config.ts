// core/v1: ConfigMap, Secret and ServiceAccount.

import { boolean, bytes, list, map, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import { LocalObjectReference, ObjectReference } from './references.ts';

export const ConfigMap = struct('io.k8s.api.core.v1.ConfigMap', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  immutable: opt(4, boolean, { description: 'When true, the data can no longer be changed.', omitEmpty: true, pointer: true }),
  data: opt(2, map(string), { description: 'UTF-8 string values by key.', omitEmpty: true }),
  binaryData: opt(3, map(bytes), { description: 'Binary values by key.', omitEmpty: true }),
}, { description: 'Non-confidential configuration data as key/value pairs.' });
export type ConfigMap = Infer<typeof ConfigMap>;

export const ConfigMapList = struct('io.k8s.api.core.v1.ConfigMapList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(ConfigMap), { description: 'The ConfigMap objects.' }),
}, { description: 'A list of ConfigMap objects.' });
export type ConfigMapList = Infer<typeof ConfigMapList>;

export const Secret = struct('io.k8s.api.core.v1.Secret', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  immutable: opt(5, boolean, { description: 'When true, the data can no longer be changed.', omitEmpty: true, pointer: true }),
  data: opt(2, map(bytes), { description: 'Values by key, base64-encoded in JSON.', omitEmpty: true }),
  stringData: opt(4, map(string), { description: 'Write-only plain-text values merged into data on write.', omitEmpty: true }),
  type: opt(3, string, { description: 'How the data is used, e.g. Opaque or kubernetes.io/tls.', omitEmpty: true }),
}, { description: 'Confidential data such as passwords, tokens and keys.' });
export type Secret = Infer<typeof Secret>;

export const SecretList = struct('io.k8s.api.core.v1.SecretList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(Secret), { description: 'The Secret objects.' }),
}, { description: 'A list of Secret objects.' });
export type SecretList = Infer<typeof SecretList>;

export const ServiceAccount = struct('io.k8s.api.core.v1.ServiceAccount', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  secrets: opt(2, () => list(ObjectReference), { description: 'Deprecated: Secrets pods of this account may use.', patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'], omitEmpty: true }),
  imagePullSecrets: opt(3, () => list(LocalObjectReference), { description: 'Registry credentials added to pods of this account.', listType: 'atomic', omitEmpty: true }),
  automountServiceAccountToken: opt(4, boolean, { description: 'Whether pods of this account get a token mounted by default.', omitEmpty: true, pointer: true }),
}, { description: 'An identity for processes running in pods.' });
export type ServiceAccount = Infer<typeof ServiceAccount>;

export const ServiceAccountList = struct('io.k8s.api.core.v1.ServiceAccountList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(ServiceAccount), { description: 'The ServiceAccount objects.' }),
}, { description: 'A list of ServiceAccount objects.' });
export type ServiceAccountList = Infer<typeof ServiceAccountList>;
