/**
 * MongoDB wire protocol over TCP for the embedded store: OP_MSG (body + document sequences,
 * checksum flag, moreToCome) and the legacy OP_QUERY command handshake answered with OP_REPLY.
 * Messages on one connection are executed in arrival order.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { deserialize, serialize } from 'bson';
import type { Doc } from './bson-values';
import { DESERIALIZE_OPTIONS, SERIALIZE_OPTIONS, type StoreLogger } from './durable-log';
import type { StoreEngine } from './engine';

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;
const MAX_MESSAGE_BYTES = 48_000_000;

const FLAG_CHECKSUM_PRESENT = 1;
const FLAG_MORE_TO_COME = 2;

/** A listening wire server. */
export interface WireServer {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Listens on `host:port` (0 = any free port) and serves `engine`. Resolves once listening.
 * Throws when the port cannot be bound.
 */
export async function startWireServer(engine: StoreEngine, host: string, port: number, logger: StoreLogger): Promise<WireServer> {
  const sockets = new Set<Socket>();
  let nextConnectionId = 1;
  let nextRequestId = 1;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const connectionId = nextConnectionId++;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let chain: Promise<void> = Promise.resolve();
    const send = (data: Buffer): void => {
      if (!socket.destroyed) socket.write(data);
    };
    const handle = async (message: Buffer): Promise<void> => {
      const requestId = message.readInt32LE(4);
      const opCode = message.readInt32LE(12);
      if (opCode === OP_MSG) {
        const flags = message.readUInt32LE(16);
        const command = parseOpMsg(message, flags);
        const reply = await engine.execute(command, { connectionId });
        if (flags & FLAG_MORE_TO_COME) return;
        send(encodeOpMsg(reply, nextRequestId++, requestId));
      } else if (opCode === OP_QUERY) {
        const { db, command } = parseOpQuery(message);
        const reply = await engine.execute({ ...command, $db: db }, { connectionId });
        send(encodeOpReply(reply, nextRequestId++, requestId));
      } else {
        logger.warn('embedded store: unsupported wire opcode, closing connection', { opCode });
        socket.destroy();
      }
    };
    socket.on('data', (chunk: Buffer) => {
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes >= 4) {
        if (pending[0].length < 4) pending = [Buffer.concat(pending)];
        const length = pending[0].readInt32LE(0);
        if (length < 16 || length > MAX_MESSAGE_BYTES) {
          logger.warn('embedded store: invalid message length, closing connection', { length });
          socket.destroy();
          return;
        }
        if (pendingBytes < length) break;
        const head = pending.length === 1 ? pending[0] : Buffer.concat(pending);
        const message = head.subarray(0, length);
        const rest = head.subarray(length);
        pending = rest.length > 0 ? [rest] : [];
        pendingBytes = rest.length;
        chain = chain
          .then(() => handle(message))
          .catch((error: Error) => {
            logger.error('embedded store: failed to handle message', { error: error.stack ?? error.message });
            socket.destroy();
          });
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    host,
    port: boundPort,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolveClose());
      }),
  };
}

function readCString(buf: Buffer, offset: number): { value: string; end: number } {
  const end = buf.indexOf(0, offset);
  if (end < 0) throw new Error('unterminated cstring in message');
  return { value: buf.toString('utf8', offset, end), end: end + 1 };
}

/** Parses an OP_MSG into one command document with kind-1 sequences merged as arrays. */
function parseOpMsg(message: Buffer, flags: number): Doc {
  let offset = 20;
  const end = flags & FLAG_CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let body: Doc | undefined;
  const sequences: Array<[string, Doc[]]> = [];
  while (offset < end) {
    const kind = message[offset++];
    if (kind === 0) {
      const size = message.readInt32LE(offset);
      body = deserialize(message.subarray(offset, offset + size), DESERIALIZE_OPTIONS) as Doc;
      offset += size;
    } else if (kind === 1) {
      const size = message.readInt32LE(offset);
      const sectionEnd = offset + size;
      const id = readCString(message, offset + 4);
      let p = id.end;
      const docs: Doc[] = [];
      while (p < sectionEnd) {
        const docSize = message.readInt32LE(p);
        docs.push(deserialize(message.subarray(p, p + docSize), DESERIALIZE_OPTIONS) as Doc);
        p += docSize;
      }
      sequences.push([id.value, docs]);
      offset = sectionEnd;
    } else {
      throw new Error(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new Error('OP_MSG without a body section');
  for (const [id, docs] of sequences) body[id] = docs;
  return body;
}

function parseOpQuery(message: Buffer): { db: string; command: Doc } {
  const ns = readCString(message, 20);
  const queryOffset = ns.end + 8;
  const size = message.readInt32LE(queryOffset);
  let query = deserialize(message.subarray(queryOffset, queryOffset + size), DESERIALIZE_OPTIONS) as Doc;
  if (query.$query && typeof query.$query === 'object') query = query.$query as Doc;
  const db = ns.value.endsWith('.$cmd') ? ns.value.slice(0, -5) : ns.value.split('.')[0];
  return { db, command: query };
}

function encodeOpMsg(reply: Doc, requestId: number, responseTo: number): Buffer {
  const body = serialize(reply, SERIALIZE_OPTIONS);
  const out = Buffer.allocUnsafe(21 + body.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(requestId, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OP_MSG, 12);
  out.writeUInt32LE(0, 16);
  out[20] = 0;
  out.set(body, 21);
  return out;
}

function encodeOpReply(reply: Doc, requestId: number, responseTo: number): Buffer {
  const body = serialize(reply, SERIALIZE_OPTIONS);
  const out = Buffer.alloc(36 + body.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(requestId, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OP_REPLY, 12);
  out.writeInt32LE(0, 16); // responseFlags
  out.writeBigInt64LE(0n, 20); // cursorID
  out.writeInt32LE(0, 28); // startingFrom
  out.writeInt32LE(1, 32); // numberReturned
  out.set(body, 36);
  return out;
}
