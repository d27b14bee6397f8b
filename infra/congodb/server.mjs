// Starts CongoDB, patched by shim.mjs, as a MongoDB wire-protocol stand-in on a loopback port:
//   node server.mjs [--port 27017] [--host 127.0.0.1]
// Prints one line "congodb ready on mongodb://HOST:PORT" once it accepts connections, and stops
// on SIGINT/SIGTERM or when its standard input closes (so a test fixture that dies takes it along).
import { parseArgs } from 'node:util';
import './shim.mjs';
import { CongoServer } from './vendor/congodb/index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27017' },
    host: { type: 'string', default: '127.0.0.1' },
    'exit-with-stdin': { type: 'boolean', default: false },
  },
});

const server = new CongoServer({ port: Number(values.port), host: values.host, storage: 'memory' });
await server.start();
console.log(`congodb ready on ${server.getConnectionUri()}`);

let stopping = false;
const stop = async () => {
  if (!stopping) {
    stopping = true;
    await server.stop();
    process.exit(0);
  }
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
if (values['exit-with-stdin']) {
  process.stdin.on('end', stop).on('close', stop).resume();
}
