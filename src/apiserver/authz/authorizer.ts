// Who may do what. Until RBAC is served, the policy is: every authenticated user may do
// everything; anonymous requests may read only the public health and version paths (upstream's
// system:public-info-viewer). The access-review resources ask this same authorizer.

export interface Subject {
  readonly name: string;
  readonly groups: readonly string[];
}

export type Attributes =
  | { readonly kind: 'resource'; readonly verb: string; readonly group: string; readonly resource: string; readonly subresource: string; readonly namespace: string; readonly name: string }
  | { readonly kind: 'path'; readonly verb: string; readonly path: string };

export interface Decision {
  readonly allowed: boolean;
  readonly reason: string;
}

const PUBLIC_PATHS = ['/healthz', '/livez', '/readyz', '/version'];

export function authorize(subject: Subject, attributes: Attributes): Decision {
  if (subject.groups.includes('system:masters')) return { allowed: true, reason: '' };
  if (!subject.groups.includes('system:unauthenticated')) return { allowed: true, reason: '' };
  if (attributes.kind === 'path' && attributes.verb === 'get' && PUBLIC_PATHS.some((p) => attributes.path === p || attributes.path.startsWith(`${p}/`))) {
    return { allowed: true, reason: '' };
  }
  return { allowed: false, reason: '' };
}
