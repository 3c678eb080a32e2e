/**
 * Wire framing of the embedded store below the driver: the legacy OP_QUERY handshake, OP_MSG
 * document sequences (kind 1), the checksum flag and moreToCome (no reply).
 */
import { connect, type Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Binary, deserialize, Long, serialize, type Document } from 'bson';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from './index';

let store: EmbeddedStore;
let dataDir: string;
let socket: Socket;
let requestId = 1;
let received = Buffer.alloc(0);
const waiters: Array<() => void> = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'skillcert-wire-'));
  store = await startEmbeddedStore({ dataDir });
  socket = connect(store.port, store.host);
  socket.on('data', (chunk) => {
    received = Buffer.concat([received, chunk]);
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise((r) => socket.once('connect', r));
});

afterAll(async () => {
  socket.destroy();
  await store.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function readMessage(): Promise<Buffer> {
  for (;;) {
    if (received.length >= 4 && received.length >= received.readInt32LE(0)) {
      const message = received.subarray(0, received.readInt32LE(0));
      received = received.subarray(message.length);
      return message;
    }
    await new Promise<void>((r) => waiters.push(r));
  }
}

function header(length: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId++, 4);
  h.writeInt32LE(0, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

function opMsg(body: Document, sequences: Array<[string, Document[]]> = [], flags = 0): Buffer {
  const sections: Buffer[] = [Buffer.from([0]), Buffer.from(serialize(body))];
  for (const [id, docs] of sequences) {
    const payload = Buffer.concat([Buffer.from(id + '\0'), ...docs.map((d) => Buffer.from(serialize(d)))]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4, 0);
    sections.push(Buffer.from([1]), size, payload);
  }
  const flagBytes = Buffer.alloc(4);
  flagBytes.writeUInt32LE(flags, 0);
  const withoutChecksum = Buffer.concat([flagBytes, ...sections]);
  // A CRC-32C checksum trailer; the store skips it (drivers never send one), so zeros will do.
  const checksum = flags & 1 ? Buffer.alloc(4) : Buffer.alloc(0);
  return Buffer.concat([header(16 + withoutChecksum.length + checksum.length, 2013), withoutChecksum, checksum]);
}

function replyBody(message: Buffer): Document {
  expect(message.readInt32LE(12)).toBe(2013);
  expect(message[20]).toBe(0);
  return deserialize(message.subarray(21));
}

describe('embedded store wire protocol', () => {
  it('answers a legacy OP_QUERY isMaster with OP_REPLY', async () => {
    const query = Buffer.concat([Buffer.alloc(4), Buffer.from('admin.$cmd\0'), Buffer.alloc(4), Buffer.from([0xff, 0xff, 0xff, 0xff]), Buffer.from(serialize({ isMaster: 1 }))]);
    socket.write(Buffer.concat([header(16 + query.length, 2004), query]));
    const reply = await readMessage();
    expect(reply.readInt32LE(12)).toBe(1);
    expect(reply.readInt32LE(32)).toBe(1);
    const doc = deserialize(reply.subarray(36));
    expect(doc).toMatchObject({ ok: 1, ismaster: true, maxWireVersion: 21 });
  });

  it('merges kind-1 document sequences into the command and accepts the checksum flag', async () => {
    socket.write(opMsg({ insert: 'seq', $db: 'wire' }, [['documents', [{ _id: 1 }, { _id: 2 }, { _id: 3 }]]], 1));
    expect(replyBody(await readMessage())).toMatchObject({ ok: 1, n: 3 });
    socket.write(opMsg({ find: 'seq', filter: {}, $db: 'wire' }));
    const found = replyBody(await readMessage());
    expect(found.cursor.firstBatch.map((d: Document) => d._id)).toEqual([1, 2, 3]);
  });

  it('answers a retried write (same lsid and txnNumber) with the first reply instead of applying it again', async () => {
    const lsid = { id: new Binary(randomBytes(16), Binary.SUBTYPE_UUID) };
    const command = { update: 'retry', updates: [{ q: { _id: 'c' }, u: { $inc: { n: 1 } }, upsert: true }], lsid, txnNumber: Long.fromNumber(1), $db: 'wire' };
    socket.write(opMsg(command));
    const first = replyBody(await readMessage());
    socket.write(opMsg(command));
    const second = replyBody(await readMessage());
    expect(second).toEqual(first);
    socket.write(opMsg({ find: 'retry', filter: { _id: 'c' }, $db: 'wire' }));
    expect(replyBody(await readMessage()).cursor.firstBatch).toEqual([{ _id: 'c', n: 1 }]);
  });

  it('sends no reply when moreToCome is set, yet applies the write', async () => {
    socket.write(opMsg({ insert: 'quiet', documents: [{ _id: 'q' }], writeConcern: { w: 0 }, $db: 'wire' }, [], 2));
    socket.write(opMsg({ count: 'quiet', $db: 'wire' }));
    expect(replyBody(await readMessage())).toMatchObject({ ok: 1, n: 1 });
  });
});
