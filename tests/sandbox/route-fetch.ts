// Lets code under test in Node call the real hostnames (https://api.xero.com, https://acme.syncromsp.com…)
// and reach the sandbox instead — the Node twin of Chromium's --host-resolver-rules. Only for tests: the
// shipped code keeps its real URLs.
import { connect } from 'node:tls';
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';

export function routeRealHostsTo(port: number): () => void {
  const previous = getGlobalDispatcher();
  setGlobalDispatcher(
    new Agent({
      connect: (options, callback) => {
        const socket = connect({ host: '127.0.0.1', port, servername: options.hostname, rejectUnauthorized: false });
        socket.once('secureConnect', () => callback(null, socket));
        socket.once('error', (error) => callback(error, null));
      },
    }),
  );
  return () => setGlobalDispatcher(previous);
}
