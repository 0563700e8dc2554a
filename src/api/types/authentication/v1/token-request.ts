// authentication/v1: TokenRequest, the body of the token subresource of a service account.

import { int64, list, opt, req, string, struct, time, type Infer } from '../../../schema/shape.ts';
import { ObjectMeta } from '../../meta/v1/index.ts';

export const TokenRequest = struct('io.k8s.api.authentication.v1.TokenRequest', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: req(2, () => TokenRequestSpec, { description: 'What the token is for.' }),
  status: opt(3, () => TokenRequestStatus, { description: 'The issued token.', omitEmpty: true }),
}, { description: 'A request for a service account token.' });
export type TokenRequest = Infer<typeof TokenRequest>;

export const TokenRequestSpec = struct('io.k8s.api.authentication.v1.TokenRequestSpec', {
  audiences: req(1, list(string), { description: 'The audiences the token is valid for.', listType: 'atomic' }),
  expirationSeconds: opt(4, int64, { description: 'The requested lifetime of the token.', pointer: true }),
  boundObjectRef: opt(3, () => BoundObjectReference, { description: 'An object the token is bound to; the token stops working when it is deleted.', pointer: true }),
}, { description: 'What a requested token is for.' });
export type TokenRequestSpec = Infer<typeof TokenRequestSpec>;

export const BoundObjectReference = struct('io.k8s.api.authentication.v1.BoundObjectReference', {
  kind: opt(1, string, { description: 'Pod, Secret or Node.', omitEmpty: true }),
  apiVersion: opt(2, string, { description: 'The API version of the object.', omitEmpty: true }),
  name: opt(3, string, { description: 'The name of the object.', omitEmpty: true }),
  uid: opt(4, string, { description: 'The UID of the object.', omitEmpty: true }),
}, { description: 'An object a token is bound to.' });
export type BoundObjectReference = Infer<typeof BoundObjectReference>;

export const TokenRequestStatus = struct('io.k8s.api.authentication.v1.TokenRequestStatus', {
  token: req(1, string, { description: 'The token.' }),
  expirationTimestamp: req(2, time, { description: 'When the token expires.' }),
}, { description: 'An issued token.' });
export type TokenRequestStatus = Infer<typeof TokenRequestStatus>;
