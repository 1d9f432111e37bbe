import { startBulkEmulator } from '../../../src/testing/index';
import { V, call, pause, runIngest } from './emulator-helpers';

const timerCount = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('emulator close()', () => {
  it('stops processing timers, pending latency and keep-alive sockets', async () => {
    const before = timerCount();
    const emu = await startBulkEmulator({ processing: { recordsPerSecond: 10, tickMs: 20 } });
    await runIngest(emu, { object: 'Account', operation: 'insert' }, `Name\n${'x\n'.repeat(1000)}`);
    emu.faults.inject({ route: 'limits.get', effect: { kind: 'latency', ms: 60_000 } });
    const pending = call(emu, 'GET', `/services/data/${V}/limits`).then(
      (res) => res.status,
      () => 'failed',
    );
    await pause(30);
    expect(timerCount()).toBeGreaterThan(before);
    await emu.close();
    await emu.close();
    expect(await pending).not.toBe(200);
    expect(timerCount()).toBeLessThanOrEqual(before);
    await expect(fetch(`${emu.url}/services/data/${V}/limits`)).rejects.toThrow();
  });
});
