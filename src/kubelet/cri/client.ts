// CriClient: the RuntimeService and ImageService over gRPC to a CRI runtime's unix socket
// (containerd's CRI plugin), on src/grpc's Channel with a codec compiled from api.proto. The
// proto is read on first use, so constructing does no I/O; the channel connects lazily and
// again on the next call after the connection went. Every call carries a deadline.

import { join } from 'node:path';
import { Channel, ProtoSchema, type MethodDescriptor } from '../../grpc/index.ts';
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

type Service = 'runtime' | 'image';
const SERVICES: Record<Service, string> = { runtime: 'runtime.v1.RuntimeService', image: 'runtime.v1.ImageService' };
/** Responses as large as a long ListContainers or an ExecSync's output (grpc-js' default is 4 MiB). */
const MAX_RECEIVE_BYTES = 16 << 20;

interface Connection {
  readonly schema: ProtoSchema;
  readonly channel: Channel;
  /** Method descriptors by "service/Method", made on first use. */
  readonly methods: Map<string, MethodDescriptor<object, unknown>>;
}

export class CriClient implements RuntimeService, ImageService {
  readonly endpoint: string;
  readonly #timeoutMs: number;
  #connection: Promise<Connection> | undefined;

  constructor(options: CriClientOptions) {
    this.endpoint = options.endpoint.startsWith('/') ? `unix://${options.endpoint}` : options.endpoint;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Closes the connection (calls in flight fail with UNAVAILABLE); later calls open a new one. */
  close(): void {
    const connection = this.#connection;
    this.#connection = undefined;
    void connection?.then((c) => c.channel.close(), () => undefined);
  }

  async #connect(): Promise<Connection> {
    const schema = await ProtoSchema.load(criProtoPath);
    return { schema, channel: new Channel(this.endpoint, { maxReceiveMessageBytes: MAX_RECEIVE_BYTES }), methods: new Map() };
  }

  async #call<T>(service: Service, method: string, request: object, extraMs = 0): Promise<T> {
    const pending = this.#connection ??= this.#connect();
    // A failed load (an unreadable api.proto) is not kept: the next call tries again.
    const connection = await pending.catch((error: unknown) => {
      if (this.#connection === pending) this.#connection = undefined;
      throw criError(method, this.endpoint, error);
    });
    const key = `${service}/${method}`;
    let descriptor = connection.methods.get(key);
    if (descriptor === undefined) {
      try {
        descriptor = connection.schema.method<object, unknown>(SERVICES[service], method);
      } catch {
        throw new Error(`CRI: ${method} is not in api.proto`);
      }
      connection.methods.set(key, descriptor);
    }
    try {
      return await connection.channel.unary(descriptor, request, { timeoutMs: this.#timeoutMs + extraMs }) as T;
    } catch (error) {
      throw criError(method, this.endpoint, error);
    }
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
