// src/grpc: a lean gRPC client over node:http2 and a proto3 codec driven by .proto files.
//
// Layer (DESIGN.md keeps the list; this is its line for grpc): `grpc → api`. storage (the
// etcd backend), kubelet (CRI, gRPC probes) and cli may import it; it imports only src/api
// (the protobuf wire reader/writer). Import from this file: it is the layer's public API.
//
// Decoded messages follow @grpc/proto-loader's conventions (keepCase: false, defaults: true,
// oneofs: true, enums: String, longs: Number unless the schema says 'string', bytes as
// Buffer), so a caller written against grpc-js + proto-loader keeps its message shapes.
//
// Use:
//   const schema = await ProtoSchema.load(protoPath);                 // once; parse errors are ProtoSyntaxError
//   const channel = new Channel('unix:///run/containerd/containerd.sock', { maxReceiveMessageBytes: 16 << 20 });
//   const version = schema.method('runtime.v1.RuntimeService', 'Version');
//   const reply = await channel.unary(version, { version: 'v1' }, { timeoutMs: 10_000, signal });
//   channel.close();                                                  // fails open calls, frees the connection
// Failures reject with GrpcError (code, codeName, details, unprocessed). Streams:
// channel.stream(method, { onMessage, onClose }) → { write, end, cancel }; serverStream likewise.

export { MessageCodec } from './message-codec.ts';
export { ProtoSyntaxError } from './proto-parser.ts';
export { camelCase, ProtoSchema, type MethodDescriptor, type SchemaOptions } from './proto-schema.ts';
export { ProtobufError } from '../api/codec/wire.ts';
export { Channel, type CallOptions, type ChannelOptions, type ClientStream, type Method } from './channel.ts';
export type { CallHandlers, RequestCodec, ResponseCodec } from './call.ts';
export { GrpcError, Status, statusName, type StatusName } from './status.ts';
