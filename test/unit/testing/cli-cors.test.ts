import { runCli } from '../../../src/testing/cli-main.js';

describe('kinetic-emulator --cors', () => {
  it.each([
    ['*', 'http://page.example:5173', 'http://page.example:5173'],
    ['http://a.example,http://b.example', 'http://b.example', 'http://b.example'],
    ['http://a.example', 'http://other.example', null],
  ])('--cors %s answers a preflight from %s with %s', async (flag, origin, allowed) => {
    const lines: string[] = [];
    const emulator = await runCli(['--port', '0', '--cors', flag, '--rate', 'instant'], (line) => lines.push(line));
    try {
      const response = await fetch(`${emulator!.url}/services/data/v66.0/jobs/ingest`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type',
        },
      });
      expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
      expect(lines[0]).toMatch(/^Bulk API 2.0 emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await emulator?.close();
    }
  });

  it.each([[['--cors']], [['--cors', '--rate', 'instant']]])('a bare --cors (%j) allows any origin', async (flags) => {
    const emulator = await runCli(['--port', '0', ...flags], () => undefined);
    try {
      const response = await fetch(`${emulator!.url}/services/data/v66.0/jobs/ingest`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://page.example:4200', 'Access-Control-Request-Method': 'POST' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBe('http://page.example:4200');
    } finally {
      await emulator?.close();
    }
  });
});
