// authentication.k8s.io/v1 TokenReviews: "who is this token?", answered and never stored.
// Service-account tokens are the bearer tokens this server issues.

import { path, required } from '../../../../api/field-errors.ts';
import { TokenReview } from '../../../../api/types/authentication/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';

/** Checks a token; the server passes its service-account token checker. */
export type TokenAuthenticator = (token: string, audiences: readonly string[]) =>
  | { user: { name: string; uid: string; groups: readonly string[]; extra: Record<string, string[]> }; audiences: string[] }
  | { error: string }
  | undefined;

export function createTokenReviewsDef(authenticate: TokenAuthenticator): ResourceDef<TokenReview> {
  return {
    group: 'authentication.k8s.io', version: 'v1', resource: 'tokenreviews', singular: 'tokenreview', kind: 'TokenReview', listKind: 'TokenReviewList',
    namespaced: false, verbs: ['create'], shape: TokenReview,
    strategy: {
      validateName: nameIsDNSSubdomain,
      validate: (review) => ((review.spec.token ?? '') === '' ? [required(path('spec', 'token'))] : []),
    },
    virtualCreate(review) {
      const audiences = review.spec.audiences ?? [];
      const result = authenticate(review.spec.token ?? '', audiences.length > 0 ? audiences : ['https://kubernetes.default.svc.cluster.local']);
      if (result === undefined) return { ...review, status: { authenticated: false, error: 'invalid bearer token' } };
      if ('error' in result) return { ...review, status: { authenticated: false, error: result.error } };
      return {
        ...review,
        status: {
          authenticated: true,
          user: { username: result.user.name, uid: result.user.uid, groups: [...result.user.groups, 'system:authenticated'], extra: result.user.extra },
          audiences: result.audiences,
        },
      };
    },
  };
}
