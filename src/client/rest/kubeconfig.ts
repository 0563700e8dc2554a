// Reads a kubeconfig (clientcmd's Config, apiVersion v1) into a RestConfig: the context named
// (or the current one), its cluster (server, CA) and its user (client certificate and key, or a
// bearer token), each given inline as base64 `*-data` or as a file. Relative file paths are
// resolved against the kubeconfig's own folder, as clientcmd does.

import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import type { RestConfig } from './config.ts';

export interface KubeconfigOptions {
  /** The context to use instead of `current-context`. */
  readonly context?: string;
}

type Entry = Readonly<Record<string, unknown>>;

function asEntry(value: unknown): Entry | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Entry : undefined;
}

function str(entry: Entry | undefined, key: string): string | undefined {
  const value = entry?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The `inner` object of the entry called `name` in a named list (clusters, users, contexts). */
function named(doc: Entry, list: string, inner: string, name: string): Entry {
  const entries = doc[list];
  if (Array.isArray(entries)) {
    for (const item of entries) {
      const entry = asEntry(item);
      if (entry !== undefined && entry['name'] === name) return asEntry(entry[inner]) ?? {};
    }
  }
  throw new Error(`kubeconfig: no ${list.slice(0, -1)} named "${name}"`);
}

/** Reads `*-data` (base64) or the file its sibling key names. */
async function material(entry: Entry, key: string, baseDir: string): Promise<string | undefined> {
  const data = str(entry, `${key}-data`);
  if (data !== undefined) return Buffer.from(data, 'base64').toString('utf8');
  const file = str(entry, key);
  if (file === undefined) return undefined;
  return readFile(isAbsolute(file) ? file : resolve(baseDir, file), 'utf8');
}

/** Builds a RestConfig from kubeconfig text; files it names are read relative to `baseDir`. */
export async function parseKubeconfig(text: string, baseDir: string, options: KubeconfigOptions = {}): Promise<RestConfig> {
  const doc = asEntry(parse(text));
  if (doc === undefined) throw new Error('kubeconfig: not a YAML mapping');
  const contextName = options.context ?? str(doc, 'current-context');
  if (contextName === undefined) throw new Error('kubeconfig: no current-context and no context given');
  const context = named(doc, 'contexts', 'context', contextName);
  const clusterName = str(context, 'cluster');
  if (clusterName === undefined) throw new Error(`kubeconfig: context "${contextName}" names no cluster`);
  const cluster = named(doc, 'clusters', 'cluster', clusterName);
  const userName = str(context, 'user');
  const user = userName === undefined ? {} : named(doc, 'users', 'user', userName);
  const server = str(cluster, 'server');
  if (server === undefined) throw new Error(`kubeconfig: cluster "${clusterName}" has no server`);

  const caData = await material(cluster, 'certificate-authority', baseDir);
  const certData = await material(user, 'client-certificate', baseDir);
  const keyData = await material(user, 'client-key', baseDir);
  const tokenFile = str(user, 'tokenFile');
  const bearerToken = str(user, 'token') ?? (tokenFile === undefined ? undefined
    : (await readFile(isAbsolute(tokenFile) ? tokenFile : resolve(baseDir, tokenFile), 'utf8')).trim());
  const tlsServerName = str(cluster, 'tls-server-name');
  return {
    server,
    ...(caData === undefined ? {} : { caData }),
    ...(certData === undefined ? {} : { certData }),
    ...(keyData === undefined ? {} : { keyData }),
    ...(bearerToken === undefined ? {} : { bearerToken }),
    ...(cluster['insecure-skip-tls-verify'] === true ? { insecureSkipTLSVerify: true } : {}),
    ...(tlsServerName === undefined ? {} : { tlsServerName }),
  };
}

/** Reads the kubeconfig file at `path`. */
export async function loadKubeconfig(path: string, options: KubeconfigOptions = {}): Promise<RestConfig> {
  return parseKubeconfig(await readFile(path, 'utf8'), dirname(resolve(path)), options);
}
