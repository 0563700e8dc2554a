// The in-memory ImageService: images are present or pullable by name from configurable sets, so
// simulated nodes and tests see the kubelet's pull logic (Pulling/Pulled, ErrImagePull) without a
// registry. Names are normalised as containerd does (`busybox` → `docker.io/library/busybox:latest`);
// ids and digests are derived from the name, so they are stable across restarts of the fake.

import { createHash } from 'node:crypto';
import type { ImageService } from '../cri/runtime.ts';
import { CriError } from '../cri/errors.ts';
import type { AuthConfig, FilesystemUsage, Image, ImageSpec } from '../cri/types.ts';
import { normalizeImage } from '../images/normalize.ts';

export interface FakeImageServiceOptions {
  /** Present from the start. */
  readonly present?: readonly string[];
  /** Pullable: a list of names, or a predicate (default: every name can be pulled). */
  readonly pullable?: readonly string[] | ((normalizedName: string) => boolean);
  /** When set, pulls of these names need exactly this auth (username/password) or fail as unauthorized. */
  readonly requireAuth?: ReadonlyMap<string, { username: string; password: string }>;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The image id (config digest) and the repo digest the fake reports for a normalised name. */
export function fakeImageId(name: string): string {
  return `sha256:${sha256(`config:${name}`)}`;
}
export function fakeRepoDigest(name: string): string {
  return `${name.replace(/[:@][^/]*$/, '')}@sha256:${sha256(`manifest:${name}`)}`;
}

export class FakeImageService implements ImageService {
  readonly #present = new Map<string, Image>();
  readonly #pullable: (name: string) => boolean;
  readonly #auth: ReadonlyMap<string, { username: string; password: string }>;
  /** Pull requests seen, in order (normalised names), for tests. */
  readonly pulls: string[] = [];

  constructor(options: FakeImageServiceOptions = {}) {
    const p = options.pullable;
    if (p === undefined) this.#pullable = () => true;
    else if (typeof p === 'function') this.#pullable = p;
    else {
      const set = new Set(p.map(normalizeImage));
      this.#pullable = (name) => set.has(name);
    }
    this.#auth = new Map([...(options.requireAuth ?? new Map()).entries()].map(([k, v]) => [normalizeImage(k), v]));
    for (const name of options.present ?? []) this.#add(normalizeImage(name));
  }

  async listImages(filter?: ImageSpec): Promise<readonly Image[]> {
    const all = [...new Set(this.#present.values())];
    if (filter?.image === undefined || filter.image === '') return all;
    const one = this.#find(filter.image);
    return one === undefined ? [] : [one];
  }

  async imageStatus(image: ImageSpec): Promise<Image | undefined> {
    return this.#find(image.image);
  }

  async pullImage(image: ImageSpec, auth?: AuthConfig): Promise<string> {
    const name = normalizeImage(image.image);
    this.pulls.push(name);
    const need = this.#auth.get(name);
    if (need !== undefined) {
      const given = auth?.auth !== undefined && auth.auth !== ''
        ? Buffer.from(auth.auth, 'base64').toString('utf8')
        : `${auth?.username ?? ''}:${auth?.password ?? ''}`;
      if (given !== `${need.username}:${need.password}`) {
        throw new CriError('PullImage', 'UNKNOWN', `failed to pull and unpack image "${name}": failed to resolve reference "${name}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`);
      }
    }
    if (!this.#pullable(name) && !this.#present.has(name)) {
      throw new CriError('PullImage', 'NOT_FOUND', `failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found`);
    }
    return this.#add(name).id;
  }

  async removeImage(image: ImageSpec): Promise<void> {
    const found = this.#find(image.image);
    if (found === undefined) return;
    for (const [key, value] of this.#present) if (value === found) this.#present.delete(key);
  }

  async imageFsInfo(): Promise<readonly FilesystemUsage[]> {
    return [{ timestamp: Date.now() * 1e6, fsId: { mountpoint: '/fake/images' }, usedBytes: { value: this.#present.size * 1_000_000 }, inodesUsed: { value: this.#present.size } }];
  }

  #find(ref: string): Image | undefined {
    return this.#present.get(ref) ?? this.#present.get(normalizeImage(ref));
  }

  #add(name: string): Image {
    const existing = this.#present.get(name);
    if (existing !== undefined) return existing;
    const image: Image = { id: fakeImageId(name), repoTags: [name], repoDigests: [fakeRepoDigest(name)], size: 1_000_000, uid: null, username: '', pinned: false };
    this.#present.set(name, image);
    this.#present.set(image.id, image);
    this.#present.set(image.repoDigests[0] ?? name, image);
    return image;
  }
}
