// Argon2id off the API's event loop. Dovecot's parameters (64 MiB, 3 passes) cost ~0.1–0.3 s of
// CPU per hash; run on the event loop, every request and subscription of the API waits that long
// (1,000 mailbox creates in the bench stalled it until Prisma's transactions expired). One worker
// thread hashes in turn: the event loop stays free, and hashing can take at most one core.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface Argon2idOptions {
  password: string;
  salt: Uint8Array;
  iterations: number;
  parallelism: number;
  memorySize: number;
  hashLength: number;
}

// Source, not a file beside this one: the same code runs from dist/ and from the sources tests load.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { argon2id } = require(workerData.hashWasm);
parentPort.on('message', ({ id, options }) => {
  argon2id({ ...options, outputType: 'encoded' }).then(
    (encoded) => parentPort.postMessage({ id, encoded }),
    (error) => parentPort.postMessage({ id, error: String(error) }),
  );
});
`;

type Reply = { id: number; encoded?: string; error?: string };

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { resolve: (encoded: string) => void; reject: (error: Error) => void }>();

function thread(): Worker {
  if (worker) return worker;
  const hashWasm = createRequire(import.meta.url).resolve('hash-wasm');
  const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { hashWasm } });
  started.on('message', ({ id, encoded, error }: Reply) => {
    const call = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) started.unref(); // idle: it does not keep the process alive
    if (encoded !== undefined) call?.resolve(encoded);
    else call?.reject(new Error(error ?? 'argon2id failed'));
  });
  // A thread that died fails what it held; the next hash starts a new one.
  const fail = (error: Error) => {
    if (worker === started) worker = null;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`argon2id thread exited (${code})`)));
  return (worker = started);
}

/** The PHC-encoded Argon2id of `options.password` (`$argon2id$v=19$m=…`), hashed on the worker thread. */
export function argon2idEncoded(options: Argon2idOptions): Promise<string> {
  const id = nextId++;
  const t = thread();
  t.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    t.postMessage({ id, options });
  });
}
