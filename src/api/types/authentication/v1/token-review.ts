// authentication/v1: TokenReview.

import { boolean, list, map, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { ObjectMeta } from '../../meta/v1/index.ts';

export const TokenReview = struct('io.k8s.api.authentication.v1.TokenReview', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: req(2, () => TokenReviewSpec, { description: 'The token to check.' }),
  status: opt(3, () => TokenReviewStatus, { description: 'The result.', omitEmpty: true }),
}, { description: 'A request to authenticate a token.' });
export type TokenReview = Infer<typeof TokenReview>;

export const TokenReviewSpec = struct('io.k8s.api.authentication.v1.TokenReviewSpec', {
  token: opt(1, string, { description: 'The token.', omitEmpty: true }),
  audiences: opt(2, list(string), { description: 'The audiences the token must be valid for.', listType: 'atomic', omitEmpty: true }),
}, { description: 'A token to check.' });
export type TokenReviewSpec = Infer<typeof TokenReviewSpec>;

export const TokenReviewStatus = struct('io.k8s.api.authentication.v1.TokenReviewStatus', {
  authenticated: opt(1, boolean, { description: 'Whether the token is valid.', omitEmpty: true }),
  user: opt(2, () => UserInfo, { description: 'The user the token belongs to.', omitEmpty: true }),
  audiences: opt(4, list(string), { description: 'The audiences the token is valid for.', listType: 'atomic', omitEmpty: true }),
  error: opt(3, string, { description: 'Why the token could not be checked.', omitEmpty: true }),
}, { description: 'The result of a token review.' });
export type TokenReviewStatus = Infer<typeof TokenReviewStatus>;

export const UserInfo = struct('io.k8s.api.authentication.v1.UserInfo', {
  username: opt(1, string, { description: 'The user\'s name.', omitEmpty: true }),
  uid: opt(2, string, { description: 'A unique identifier of the user.', omitEmpty: true }),
  groups: opt(3, list(string), { description: 'The groups the user belongs to.', listType: 'atomic', omitEmpty: true }),
  extra: opt(4, map(list(string)), { description: 'Further information from the authenticator.', omitEmpty: true }),
}, { description: 'An authenticated user.' });
export type UserInfo = Infer<typeof UserInfo>;
