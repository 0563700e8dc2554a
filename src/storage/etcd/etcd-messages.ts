// The shapes of the etcd.proto messages the Store sends and reads, as src/grpc's codec gives
// and takes them: camelCase fields, 64-bit integers decoded as decimal strings (lease IDs use
// all 64 bits; revisions are read with Number()), bytes as Buffer, enums by name, absent
// messages as null. Requests may leave out fields that are zero.

export interface EtcdKeyValue {
  readonly key: Buffer;
  readonly createRevision: string;
  readonly modRevision: string;
  readonly version: string;
  readonly value: Buffer;
  readonly lease: string;
}

export interface ResponseHeader {
  readonly revision: string;
}

export interface RangeRequest {
  readonly key: Buffer;
  readonly rangeEnd?: Buffer;
  readonly limit?: number;
  readonly revision?: number;
  readonly keysOnly?: boolean;
  readonly countOnly?: boolean;
}

export interface RangeResponse {
  readonly header: ResponseHeader;
  readonly kvs: readonly EtcdKeyValue[];
  readonly more: boolean;
  readonly count: string;
}

export interface PutRequest {
  readonly key: Buffer;
  readonly value: Buffer;
  /** A lease ID (decimal); absent: no lease. */
  readonly lease?: string;
}

export interface DeleteRangeRequest {
  readonly key: Buffer;
  readonly rangeEnd?: Buffer;
  readonly prevKv?: boolean;
}

export interface DeleteRangeResponse {
  readonly header: ResponseHeader;
  readonly deleted: string;
  readonly prevKvs: readonly EtcdKeyValue[];
}

/** One guard of a transaction: exactly one of the target values is set, matching `target`. */
export interface Compare {
  readonly key: Buffer;
  readonly target: 'VERSION' | 'CREATE' | 'MOD' | 'VALUE' | 'LEASE';
  readonly result: 'EQUAL' | 'GREATER' | 'LESS' | 'NOT_EQUAL';
  readonly version?: number;
  readonly createRevision?: number;
  readonly modRevision?: number | string;
}

export interface RequestOp {
  readonly requestRange?: RangeRequest;
  readonly requestPut?: PutRequest;
  readonly requestDeleteRange?: DeleteRangeRequest;
}

/** The member set is named by `response` (oneofs), the others are absent. */
export interface ResponseOp {
  readonly response?: 'responseRange' | 'responsePut' | 'responseDeleteRange' | 'responseTxn';
  readonly responseRange?: RangeResponse;
  readonly responseDeleteRange?: DeleteRangeResponse;
}

export interface TxnRequest {
  readonly compare: readonly Compare[];
  readonly success: readonly RequestOp[];
  readonly failure?: readonly RequestOp[];
}

export interface TxnResponse {
  readonly header: ResponseHeader;
  readonly succeeded: boolean;
  readonly responses: readonly ResponseOp[];
}

export interface CompactionRequest {
  readonly revision: number;
  readonly physical: boolean;
}

export interface WatchCreateRequest {
  readonly key: Buffer;
  readonly rangeEnd: Buffer;
  readonly startRevision: number;
  readonly progressNotify: boolean;
  readonly prevKv: boolean;
}

export interface WatchRequest {
  readonly createRequest?: WatchCreateRequest;
}

export interface EtcdEvent {
  readonly type: 'PUT' | 'DELETE';
  readonly kv: EtcdKeyValue | null;
  readonly prevKv: EtcdKeyValue | null;
}

export interface WatchResponse {
  readonly header: ResponseHeader | null;
  readonly watchId: string;
  readonly created: boolean;
  readonly canceled: boolean;
  readonly compactRevision: string;
  readonly cancelReason: string;
  readonly events: readonly EtcdEvent[];
}

export interface LeaseGrantRequest {
  readonly TTL: number;
}

export interface LeaseGrantResponse {
  readonly ID: string;
  readonly TTL: string;
  readonly error: string;
}

export interface LeaseRevokeRequest {
  readonly ID: string;
}
