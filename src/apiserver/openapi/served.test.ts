// The documents of what the server actually registers (registerAll): whatever resources are
// added there, their documents must stay whole — every $ref resolving, the protobuf form
// encoding and decoding — and quick to build.

import { ServiceAllocators } from '../registry/core/services/allocator.ts';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerAll } from '../registry/all.ts';
import { ResourceRegistry } from '../registry/registry.ts';
import { keys } from '../registry/resource.ts';
import { decodeStored } from '../registry/stored.ts';
import { WatchCache } from '../../storage/cache/watch-cache.ts';
import { OpenApiDocuments } from './documents.ts';
import { decodeGnosticDocument } from './gnostic.fixture.ts';
import { refsOf } from './test-defs.fixture.ts';

// Only the definitions are read: the store is never used (the cache is only told which resources it keeps).
const cache = new WatchCache(undefined as never, { prefix: '/registry/', bucketOf: keys.bucketOf, decode: decodeStored });
const registry = new ResourceRegistry({ store: undefined as never, cache });
registerAll(registry, { serviceAllocators: new ServiceAllocators([]) });

test('every registered group version has a document whose references resolve', () => {
  const docs = new OpenApiDocuments(registry.defs, registry.shape);
  const root = JSON.parse(docs.v3Root().body as string) as { paths: Record<string, unknown> };
  for (const def of registry.defs) {
    const key = def.group === '' ? `api/${def.version}` : `apis/${def.group}/${def.version}`;
    assert.ok(root.paths[key], key);
  }
  for (const key of Object.keys(root.paths)) {
    const doc = JSON.parse(docs.v3(key)?.body as string) as { components: { schemas: Record<string, unknown> } };
    for (const { ref, at } of refsOf(doc as never)) {
      assert.ok(doc.components.schemas[ref.slice('#/components/schemas/'.length)], `${key}: ${ref} at ${at}`);
    }
  }
  const v2 = JSON.parse(docs.v2Json().body as string) as { definitions: Record<string, unknown> };
  for (const { ref, at } of refsOf(v2 as never)) assert.ok(v2.definitions[ref.slice('#/definitions/'.length)], `${ref} at ${at}`);
  const decoded = decodeGnosticDocument(docs.v2Proto().body as Uint8Array);
  const names = ((decoded['definitions'] as Record<string, unknown>)['additionalProperties'] as Array<{ name: string }>).map((d) => d.name);
  assert.deepEqual(names, Object.keys(v2.definitions));
});
