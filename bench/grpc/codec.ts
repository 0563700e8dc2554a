// The proto3 codec of src/grpc against protobufjs (what @grpc/proto-loader and grpc-js use),
// on the etcd messages the Store sends and reads most: a create transaction, and a range
// response of 1,000 key-values of 1 KiB (a list page). Prints µs per message for each.
//
//   node --import tsx bench/grpc/codec.ts [--seconds N]

import protobuf from 'protobufjs';
import { ProtoSchema } from '../../src/grpc/index.ts';
import { etcdProtoPath } from '../../src/storage/etcd/etcd-client.ts';

const argv = process.argv.slice(2);
const seconds = Number(argv[argv.indexOf('--seconds') + 1] || 1);

const ours = await ProtoSchema.load(etcdProtoPath, { longs: 'string' });
const root = new protobuf.Root();
root.loadSync(etcdProtoPath, { keepCase: false });
const toObject = { longs: String, enums: String, defaults: true, oneofs: true } as const;

const key = Buffer.from('/registry/configmaps/default/cm-12345');
const txn = {
  compare: [{ key, target: 'CREATE', result: 'EQUAL', createRevision: 0 }],
  success: [{ requestPut: { key, value: Buffer.alloc(1024, 'v') } }],
};
const range = {
  header: { clusterId: '1', memberId: '2', revision: '123456', raftTerm: '3' },
  kvs: Array.from({ length: 1000 }, (_, i) => ({
    key: Buffer.from(`/registry/configmaps/default/cm-${i}`), createRevision: String(1000 + i), modRevision: String(2000 + i), version: '1', value: Buffer.alloc(1024, 'v'),
  })),
  more: false,
  count: '1000',
};

/** µs per call of `fn`, run for about `seconds`. */
function measure(fn: () => unknown): number {
  for (let i = 0; i < 50; i++) fn();
  let calls = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < 10; i++) fn();
    calls += 10;
  }
  return ((performance.now() - start) * 1000) / calls;
}

const rows: string[] = ['| message | operation | src/grpc µs | protobufjs µs |', '|---|---|---:|---:|'];
for (const [name, value] of [['etcdserverpb.TxnRequest', txn], ['etcdserverpb.RangeResponse', range]] as const) {
  const codec = ours.message(name);
  const type = root.lookupType(name);
  const bytes = codec.encode(value);
  rows.push(`| ${name.split('.')[1]} | encode | ${measure(() => codec.encode(value, 5)).toFixed(2)} | ${measure(() => type.encode(type.fromObject(value)).finish()).toFixed(2)} |`);
  rows.push(`| ${name.split('.')[1]} | decode | ${measure(() => codec.decode(bytes)).toFixed(2)} | ${measure(() => type.toObject(type.decode(bytes), toObject)).toFixed(2)} |`);
}
process.stdout.write(`${rows.join('\n')}\n`);
