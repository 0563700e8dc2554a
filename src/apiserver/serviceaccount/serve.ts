// HTTP for service-account tokens: POST serviceaccounts/{name}/token (TokenRequest; what
// `kubectl create token` sends, in protobuf), the bearer-token authenticator, and the OIDC
// discovery documents (/.well-known/openid-configuration, /openid/v1/jwks).

import { TokenRequest } from '../../api/types/authentication/v1/index.ts';
import type { Authenticator } from '../http/authn.ts';
import type { ApiRequest, ApiResponse } from '../http/types.ts';
import { fieldValidationOf, parseBody, typedObject, type ShapeLookup } from '../endpoints/codec.ts';
import { bodyType, negotiateOutput } from '../endpoints/negotiation.ts';
import { writeObject } from '../endpoints/respond.ts';
import { jwks, openidConfiguration, type SigningKey } from './jwt.ts';
import type { ServiceAccountTokens } from './tokens.ts';

export async function serveTokenRequest(tokens: ServiceAccountTokens, shapes: ShapeLookup, namespace: string, name: string, req: ApiRequest, res: ApiResponse): Promise<void> {
  const output = negotiateOutput(req.headers['accept'], { protobuf: true });
  const format = bodyType(req.headers['content-type'], ['json', 'yaml', 'protobuf']) as 'json' | 'yaml' | 'protobuf';
  const parsed = parseBody(await req.body(), format, shapes);
  const { object } = typedObject(parsed, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', shape: TokenRequest }, fieldValidationOf(req.query));
  writeObject(res, 201, await tokens.issue(namespace, name, object) as unknown as Record<string, unknown>, output.format, shapes);
}

export function bearerAuthenticator(tokens: ServiceAccountTokens): Authenticator {
  return async (headers) => {
    const header = headers['authorization'] ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match === null) return undefined;
    const result = tokens.authenticate(match[1] as string);
    if (result === undefined) return { error: 'invalid bearer token' };
    if ('error' in result) return result;
    return { user: { name: result.user.name, groups: result.user.groups, uid: result.user.uid } };
  };
}

/** Serves the OIDC discovery documents; false for other paths. */
export function oidcHandler(key: SigningKey): (req: ApiRequest, res: ApiResponse) => Promise<boolean> {
  return async (req, res) => {
    if (req.path === '/.well-known/openid-configuration') res.json(200, openidConfiguration());
    else if (req.path === '/openid/v1/jwks') res.send(200, `${JSON.stringify(jwks(key))}\n`, 'application/jwk-set+json');
    else return false;
    return true;
  };
}
