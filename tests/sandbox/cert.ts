import { generate } from 'selfsigned';

/** The names the sandbox answers for; Chromium maps each to it with --host-resolver-rules. */
export const sandboxHostPatterns = ['*.syncromsp.com', 'login.xero.com', 'identity.xero.com', 'api.xero.com'];

export interface Certificate {
  key: string;
  cert: string;
}

/** A fresh self-signed certificate for the sandbox's hosts (Chromium runs with --ignore-certificate-errors). */
export async function generateCertificate(): Promise<Certificate> {
  const pems = await generate([{ name: 'commonName', value: 'syncro-xero-sandbox' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...sandboxHostPatterns.map((value) => ({ type: 2 as const, value })),
          { type: 2 as const, value: 'localhost' },
          { type: 7 as const, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
