// EtcdClient: etcd's KV, Watch and Lease services on src/grpc, one Channel per member. Every
// call (and every watch stream) goes to a member picked at random among those in service; a
// member whose calls failed three times in a row (no connection, or a transient failure) is
// left out for five seconds, so attempts go to the members that answer. When every member is
// out, a call fails at once as unprocessed (it reached no member) and the caller's retry
// pacing decides what happens next. Retries are not made here (see etcd-calls.ts).

import { join } from 'node:path';
import { Channel, GrpcError, ProtoSchema, Status, type CallHandlers, type ClientStream, type Method } from '../../grpc/index.ts';
import type {
  CompactionRequest, LeaseGrantRequest, LeaseGrantResponse, LeaseRevokeRequest, RangeRequest, RangeResponse, TxnRequest, TxnResponse,
  WatchRequest, WatchResponse,
} from './etcd-messages.ts';

export const etcdProtoPath = join(import.meta.dirname, 'etcd.proto');

const FAILURES_TO_LEAVE_OUT = 3;
const LEFT_OUT_MS = 5_000;

interface Methods {
  readonly range: Method<RangeRequest, RangeResponse>;
  readonly txn: Method<TxnRequest, TxnResponse>;
  readonly compact: Method<CompactionRequest, object>;
  readonly leaseGrant: Method<LeaseGrantRequest, LeaseGrantResponse>;
  readonly leaseRevoke: Method<LeaseRevokeRequest, object>;
  readonly watch: Method<WatchRequest, WatchResponse>;
}

let methods: Promise<Methods> | undefined;

/** The etcd methods, from etcd.proto (read once per process). */
function loadMethods(): Promise<Methods> {
  methods ??= ProtoSchema.load(etcdProtoPath, { longs: 'string' }).then((schema) => ({
    range: schema.method('etcdserverpb.KV', 'Range'),
    txn: schema.method('etcdserverpb.KV', 'Txn'),
    compact: schema.method('etcdserverpb.KV', 'Compact'),
    leaseGrant: schema.method('etcdserverpb.Lease', 'LeaseGrant'),
    leaseRevoke: schema.method('etcdserverpb.Lease', 'LeaseRevoke'),
    watch: schema.method('etcdserverpb.Watch', 'Watch'),
  } as unknown as Methods));
  return methods;
}

interface Member {
  readonly endpoint: string;
  readonly channel: Channel;
  /** Failed calls in a row. */
  failures: number;
  /** Left out of service until then (ms since the epoch). */
  outUntil: number;
}

export class EtcdClient {
  readonly #members: Member[];
  readonly #methods: Methods;
  readonly #requestTimeoutMs: number;
  /** Says whether an error counts against the member that gave it. */
  readonly #isMemberFailure: (error: unknown) => boolean;

  /** A client for `endpoints` (host:port or http://host:port); connects on the first call. */
  static async create(endpoints: readonly string[], requestTimeoutMs: number, isMemberFailure: (error: unknown) => boolean): Promise<EtcdClient> {
    return new EtcdClient(endpoints, await loadMethods(), requestTimeoutMs, isMemberFailure);
  }

  private constructor(endpoints: readonly string[], loaded: Methods, requestTimeoutMs: number, isMemberFailure: (error: unknown) => boolean) {
    this.#methods = loaded;
    this.#requestTimeoutMs = requestTimeoutMs;
    this.#isMemberFailure = isMemberFailure;
    this.#members = endpoints.map((endpoint) => ({
      endpoint,
      channel: new Channel(endpoint, {
        // A list may be far larger than gRPC's default 4 MiB (etcd sends up to 2 GiB).
        maxReceiveMessageBytes: 2 ** 31 - 1,
        // Notice a member that vanished without closing the connection. etcd refuses pings
        // more often than every 5 s (--grpc-keepalive-min-time), and pings without a call.
        keepaliveTimeMs: 10_000,
        keepaliveTimeoutMs: 5_000,
        connectTimeoutMs: Math.min(requestTimeoutMs, 5_000),
      }),
      failures: 0,
      outUntil: 0,
    }));
  }

  range(request: RangeRequest, timeoutMs = this.#requestTimeoutMs): Promise<RangeResponse> {
    return this.#unary(this.#methods.range, request, timeoutMs);
  }

  txn(request: TxnRequest): Promise<TxnResponse> {
    return this.#unary(this.#methods.txn, request, this.#requestTimeoutMs);
  }

  async compact(request: CompactionRequest): Promise<void> {
    await this.#unary(this.#methods.compact, request, this.#requestTimeoutMs);
  }

  leaseGrant(request: LeaseGrantRequest): Promise<LeaseGrantResponse> {
    return this.#unary(this.#methods.leaseGrant, request, this.#requestTimeoutMs);
  }

  async leaseRevoke(request: LeaseRevokeRequest): Promise<void> {
    await this.#unary(this.#methods.leaseRevoke, request, this.#requestTimeoutMs);
  }

  /** Opens a Watch stream on a member in service; its outcome counts for the member like a call's. */
  watch(handlers: CallHandlers<WatchResponse>): ClientStream<WatchRequest> {
    let member: Member;
    try {
      member = this.#pick();
    } catch (error) {
      queueMicrotask(() => handlers.onClose(error as GrpcError));
      return { write: () => false, end: () => undefined, cancel: () => undefined };
    }
    let cancelled = false;
    const stream = member.channel.stream(this.#methods.watch, {
      onMessage: (response) => {
        member.failures = 0;
        handlers.onMessage(response);
      },
      onClose: (error) => {
        // A watch we cancelled says nothing about the member.
        if (error !== undefined && !cancelled) this.#failed(member, error);
        handlers.onClose(error);
      },
    });
    return {
      write: (message) => stream.write(message),
      end: () => stream.end(),
      cancel: () => {
        cancelled = true;
        stream.cancel();
      },
    };
  }

  /** Closes every member's connection; open calls and watches fail. */
  close(): void {
    for (const member of this.#members) member.channel.close();
  }

  async #unary<Req, Res>(method: Method<Req, Res>, request: Req, timeoutMs: number): Promise<Res> {
    const member = this.#pick();
    try {
      const response = await member.channel.unary(method, request, { timeoutMs });
      member.failures = 0;
      return response;
    } catch (error) {
      this.#failed(member, error);
      throw error;
    }
  }

  #failed(member: Member, error: unknown): void {
    if (!this.#isMemberFailure(error)) return;
    if (++member.failures >= FAILURES_TO_LEAVE_OUT) {
      member.failures = 0;
      member.outUntil = Date.now() + LEFT_OUT_MS;
    }
  }

  #pick(): Member {
    const now = Date.now();
    const members = this.#members;
    if (members.length === 1 && members[0]!.outUntil <= now) return members[0]!;
    const inService = members.filter((m) => m.outUntil <= now);
    if (inService.length === 0) {
      const next = Math.min(...members.map((m) => m.outUntil)) - now;
      throw new GrpcError(Status.UNAVAILABLE, `every etcd member failed ${FAILURES_TO_LEAVE_OUT} calls in a row; the next is tried in ${next} ms`, { unprocessed: true });
    }
    return inService[Math.floor(Math.random() * inService.length)]!;
  }
}
