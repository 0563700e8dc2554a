// CriClient: the RuntimeService and ImageService over gRPC to a CRI runtime's unix socket
// (containerd's CRI plugin). The proto is loaded on first use, so constructing does no I/O;
// grpc-js itself connects lazily and reconnects on its own. Every call carries a deadline.

import { credentials, loadPackageDefinition, type Client, type GrpcObject, type ServiceClientConstructor } from '@grpc/grpc-js';
import { load } from '@grpc/proto-loader';
import { join } from 'node:path';
import { criError } from './errors.ts';
import type { ImageService, RuntimeService } from './runtime.ts';
import type {
  AuthConfig, Container, ContainerConfig, ContainerFilter, ContainerStats, ContainerStatus, ExecSyncResult,
  FilesystemUsage, Image, ImageSpec, LinuxContainerResources, PodSandbox, PodSandboxConfig, PodSandboxFilter,
  PodSandboxStatus, RuntimeCondition, VersionResponse,
} from './types.ts';

export const criProtoPath = join(import.meta.dirname, 'api.proto');

export interface CriClientOptions {
  /** `unix:///path/to/containerd.sock` (a bare absolute path is accepted too). */
  readonly endpoint: string;
  /** Deadline of each call, in ms; long calls (pull, exec) add their own time. Default 10 s. */
  readonly timeoutMs?: number;
}

type Unary = (request: object, options: { deadline: Date }, callback: (error: Error | null, response: unknown) => void) => void;
interface GrpcServices { readonly runtime: Client; readonly image: Client }

export class CriClient implements RuntimeService, ImageService {
  readonly endpoint: string;
  readonly #timeoutMs: number;
  #services: Promise<GrpcServices> | undefined;

  constructor(options: CriClientOptions) {
    this.endpoint = options.endpoint.startsWith('/') ? `unix://${options.endpoint}` : options.endpoint;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Closes the gRPC channels; later calls open new ones. */
  close(): void {
    const services = this.#services;
    this.#services = undefined;
    void services?.then((s) => { s.runtime.close(); s.image.close(); }, () => undefined);
  }

  async #load(): Promise<GrpcServices> {
    const definition = await load(criProtoPath, { keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true });
    const v1 = (loadPackageDefinition(definition)['runtime'] as GrpcObject)['v1'] as GrpcObject;
    const make = (name: string): Client => {
      const Ctor = v1[name] as ServiceClientConstructor;
      return new Ctor(this.endpoint, credentials.createInsecure(), { 'grpc.max_receive_message_length': 16 << 20 });
    };
    return { runtime: make('RuntimeService'), image: make('ImageService') };
  }

  async #call<T>(service: keyof GrpcServices, method: string, request: object, extraMs = 0): Promise<T> {
    this.#services ??= this.#load();
    const services = await this.#services;
    const client = services[service] as unknown as Record<string, Unary>;
    const fn = client[method];
    if (fn === undefined) throw new Error(`CRI: ${method} is not in api.proto`);
    const deadline = new Date(Date.now() + this.#timeoutMs + extraMs);
    return new Promise<T>((resolve, reject) => {
      fn.call(client, request, { deadline }, (error, response) => {
        if (error !== null) reject(criError(method, this.endpoint, error));
        else resolve(response as T);
      });
    });
  }

  version(): Promise<VersionResponse> {
    return this.#call('runtime', 'Version', { version: 'v1' });
  }

  async runPodSandbox(config: PodSandboxConfig, runtimeHandler = ''): Promise<string> {
    // Sandbox start includes CNI set-up; allow more than the ordinary deadline.
    const r = await this.#call<{ podSandboxId: string }>('runtime', 'RunPodSandbox', { config, runtimeHandler }, 60_000);
    return r.podSandboxId;
  }

  async stopPodSandbox(podSandboxId: string): Promise<void> {
    await this.#call('runtime', 'StopPodSandbox', { podSandboxId }, 60_000);
  }

  async removePodSandbox(podSandboxId: string): Promise<void> {
    await this.#call('runtime', 'RemovePodSandbox', { podSandboxId }, 60_000);
  }

  async podSandboxStatus(podSandboxId: string): Promise<PodSandboxStatus> {
    return (await this.#call<{ status: PodSandboxStatus }>('runtime', 'PodSandboxStatus', { podSandboxId })).status;
  }

  async listPodSandbox(filter?: PodSandboxFilter): Promise<readonly PodSandbox[]> {
    return (await this.#call<{ items: PodSandbox[] }>('runtime', 'ListPodSandbox', filter === undefined ? {} : { filter })).items;
  }

  async createContainer(podSandboxId: string, config: ContainerConfig, sandboxConfig: PodSandboxConfig): Promise<string> {
    const r = await this.#call<{ containerId: string }>('runtime', 'CreateContainer', { podSandboxId, config, sandboxConfig }, 30_000);
    return r.containerId;
  }

  async startContainer(containerId: string): Promise<void> {
    await this.#call('runtime', 'StartContainer', { containerId }, 30_000);
  }

  async stopContainer(containerId: string, timeoutSeconds: number): Promise<void> {
    await this.#call('runtime', 'StopContainer', { containerId, timeout: timeoutSeconds }, timeoutSeconds * 1000 + 10_000);
  }

  async removeContainer(containerId: string): Promise<void> {
    await this.#call('runtime', 'RemoveContainer', { containerId }, 30_000);
  }

  async listContainers(filter?: ContainerFilter): Promise<readonly Container[]> {
    return (await this.#call<{ containers: Container[] }>('runtime', 'ListContainers', filter === undefined ? {} : { filter })).containers;
  }

  async containerStatus(containerId: string): Promise<ContainerStatus> {
    return (await this.#call<{ status: ContainerStatus }>('runtime', 'ContainerStatus', { containerId })).status;
  }

  async updateContainerResources(containerId: string, linux: LinuxContainerResources): Promise<void> {
    await this.#call('runtime', 'UpdateContainerResources', { containerId, linux });
  }

  async reopenContainerLog(containerId: string): Promise<void> {
    await this.#call('runtime', 'ReopenContainerLog', { containerId });
  }

  execSync(containerId: string, cmd: readonly string[], timeoutSeconds: number): Promise<ExecSyncResult> {
    const extra = timeoutSeconds > 0 ? timeoutSeconds * 1000 : 24 * 3600_000;
    return this.#call('runtime', 'ExecSync', { containerId, cmd, timeout: timeoutSeconds }, extra);
  }

  async exec(request: { containerId: string; cmd: readonly string[]; tty?: boolean; stdin?: boolean; stdout?: boolean; stderr?: boolean }): Promise<string> {
    return (await this.#call<{ url: string }>('runtime', 'Exec', request)).url;
  }

  async attach(request: { containerId: string; tty?: boolean; stdin?: boolean; stdout?: boolean; stderr?: boolean }): Promise<string> {
    return (await this.#call<{ url: string }>('runtime', 'Attach', request)).url;
  }

  async portForward(podSandboxId: string, ports: readonly number[]): Promise<string> {
    return (await this.#call<{ url: string }>('runtime', 'PortForward', { podSandboxId, port: ports })).url;
  }

  async containerStats(containerId: string): Promise<ContainerStats> {
    return (await this.#call<{ stats: ContainerStats }>('runtime', 'ContainerStats', { containerId })).stats;
  }

  async status(): Promise<readonly RuntimeCondition[]> {
    const r = await this.#call<{ status: { conditions: RuntimeCondition[] } | null }>('runtime', 'Status', {});
    return r.status?.conditions ?? [];
  }

  async listImages(filter?: ImageSpec): Promise<readonly Image[]> {
    const request = filter === undefined ? {} : { filter: { image: filter } };
    return (await this.#call<{ images: Image[] }>('image', 'ListImages', request)).images;
  }

  async imageStatus(image: ImageSpec): Promise<Image | undefined> {
    const r = await this.#call<{ image: Image | null }>('image', 'ImageStatus', { image });
    return r.image ?? undefined;
  }

  async pullImage(image: ImageSpec, auth?: AuthConfig, sandboxConfig?: PodSandboxConfig): Promise<string> {
    const request = { image, ...(auth === undefined ? {} : { auth }), ...(sandboxConfig === undefined ? {} : { sandboxConfig }) };
    return (await this.#call<{ imageRef: string }>('image', 'PullImage', request, 10 * 60_000)).imageRef;
  }

  async removeImage(image: ImageSpec): Promise<void> {
    await this.#call('image', 'RemoveImage', { image }, 60_000);
  }

  async imageFsInfo(): Promise<readonly FilesystemUsage[]> {
    return (await this.#call<{ imageFilesystems: FilesystemUsage[] }>('image', 'ImageFsInfo', {})).imageFilesystems;
  }
}
