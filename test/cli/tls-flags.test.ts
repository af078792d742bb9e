import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, startCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';
import { makeTestPki } from '../sip/transport/generated-certs';

describe('litesip over TLS (--tls-cert, --tls-key, --tls-ca)', { timeout: 90_000 }, () => {
  it('run listens on tls: with the given certificate; options reaches it trusting the CA, and refuses without it', async () => {
    const pki = makeTestPki(tempDir('litesip-pki-'));
    const run = startCli(['run', '--listen', 'tls:127.0.0.1:0', '--user', 'bob', '--tls-cert', pki.server.certPath, '--tls-key', pki.server.keyPath, '--json', '--data', tempDir()]);
    const ready = await run.waitFor('ready', () => true, 30_000);
    const port = (ready.listening as { transport: string; port: number }[])[0]!;
    expect(port.transport).toBe('tls');
    // RFC 5922 §7.2: the server is checked against the name in the URI (the certificate is for localhost).
    const uri = `sip:bob@localhost:${port.port};transport=tls`;
    const trusted = spawnSync(process.execPath, [CLI, 'options', uri, '--listen', 'tcp:127.0.0.1:0', '--tls-ca', pki.caPath, '--json', '--data', tempDir()], { encoding: 'utf8', timeout: 60_000 });
    expect(trusted.status, trusted.stderr).toBe(0);
    expect(JSON.parse(trusted.stdout.trim().split('\n').at(-1)!)).toMatchObject({ event: 'options', status: 200 });
    const untrusted = spawnSync(process.execPath, [CLI, 'options', uri, '--listen', 'tcp:127.0.0.1:0', '--json', '--data', tempDir()], { encoding: 'utf8', timeout: 60_000 });
    expect(untrusted.status).toBe(1);
    expect(untrusted.stdout + untrusted.stderr).toMatch(/certificate|TLS|503/i);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('exits 2 naming what is missing or unreadable', () => {
    const noCert = spawnSync(process.execPath, [CLI, 'run', '--listen', 'tls:127.0.0.1:0', '--data', tempDir()], { encoding: 'utf8' });
    expect(noCert.status).toBe(2);
    expect(noCert.stderr).toContain('--tls-cert');
    const missing = spawnSync(process.execPath, [CLI, 'options', 'sip:a@127.0.0.1', '--tls-ca', '/nonexistent/ca.pem'], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--tls-ca: cannot read \/nonexistent\/ca\.pem/);
    const half = spawnSync(process.execPath, [CLI, 'run', '--tls-cert', '/etc/hostname'], { encoding: 'utf8' });
    expect(half.status).toBe(2);
    expect(half.stderr).toContain('go together');
  });
});
