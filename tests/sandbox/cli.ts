// `npm run sandbox`: the sandbox on its own, for manual runs and for pointing a browser at it.
import { startSandbox } from './server.ts';

const port = Number(process.env.SANDBOX_PORT ?? 0);
const invoices = process.env.SANDBOX_INVOICES ? Number(process.env.SANDBOX_INVOICES) : undefined;
const sandbox = await startSandbox({ port, seed: { invoices } });
console.log(`Sandbox listening on https://127.0.0.1:${sandbox.port} (admin: ${sandbox.adminUrl})`);
console.log(`Specs: ${sandbox.specStatus}`);
console.log('Chromium flags to reach it:');
for (const arg of sandbox.chromiumArgs) console.log(`  ${JSON.stringify(arg)}`);
console.log('Try: https://acme.syncromsp.com/invoices (Syncro API token: demo-token; Xero client id: demo-client-id)');
process.on('SIGINT', () => void sandbox.close().then(() => process.exit(0)));
