// The S3-compatible server as its own process. It runs under `node --openssl-legacy-provider`
// because s3rver encrypts its ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only
// offers through the legacy provider; the flag must not leak into the app's own process.
//
// Usage: node --openssl-legacy-provider s3-server.mjs --directory <dir> [--port <n>]
//          [--credentials <accessKeyId>:<secret>]... [--bucket <name>]...
// Prints one JSON line `{"ready":true,"port":<n>}` on stdout once it listens on 127.0.0.1.
import { parseArgs } from 'node:util';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    directory: { type: 'string' },
    credentials: { type: 'string', multiple: true, default: [] },
    bucket: { type: 'string', multiple: true, default: [] },
  },
});

if (values.directory === undefined) {
  process.stderr.write('s3-server: --directory is required\n');
  process.exit(2);
}

// s3rver verifies SigV4 signatures but knows only the key pair S3RVER/S3RVER; the app signs with
// the local environment's pair, so register that one on the same built-in account.
for (const pair of values.credentials) {
  const separator = pair.indexOf(':');
  AWSAccount.DUMMY_ACCOUNT.createKeyPair(pair.slice(0, separator), pair.slice(separator + 1));
}

const server = new S3rver({
  address: '127.0.0.1',
  port: Number(values.port),
  directory: values.directory,
  silent: true,
  // Buckets made before listening, for hand use; the test harness creates its own through the API.
  configureBuckets: values.bucket.map((name) => ({ name, configs: [] })),
});

const address = await server.run();
process.stdout.write(`${JSON.stringify({ ready: true, port: address.port })}\n`);

// Every write is already on disk when its response is sent, so there is nothing to flush: exit at
// once rather than wait for the parent's keep-alive sockets to drain.
function shutdown() {
  process.exit(0);
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// The parent holds our stdin open; when it dies without cleaning up (SIGKILL, crash), the pipe
// closes and we go too, instead of lingering as an orphan holding the port.
process.stdin.on('end', shutdown);
process.stdin.on('close', shutdown);
process.stdin.resume();
