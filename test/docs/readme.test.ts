import { quickStart } from '../../docs/examples/quick-start.js';
import { tryItLocally } from '../../docs/examples/local-emulator.js';
import { startBulkEmulator } from 'kinetic-core/testing';

// The README's two examples, run as written against the emulator.
describe('README examples', () => {
  let log: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => log.mockRestore());

  it('the quick start runs with SF_* variables that point at the emulator', async () => {
    const emulator = await startBulkEmulator({ processing: 'instant' });
    const saved = { ...process.env };
    try {
      process.env.SF_INSTANCE_URL = emulator.url;
      process.env.SF_ACCESS_TOKEN = emulator.accessToken;
      await quickStart();
      expect(log.mock.calls.map((call) => call.join(' '))).toEqual(['Success: 2, failed: 0']);
      expect(emulator.org.records('Account').map((a) => a.Name)).toEqual(['Acme Corp', 'Global Inc']);
    } finally {
      process.env = saved;
      await emulator.close();
    }
  });

  it('the local emulator example runs as written', async () => {
    expect(await tryItLocally()).toEqual({ inserted: 1000, queried: 1000 });
    expect(log).toHaveBeenCalledWith('inserted 1000, failed 0');
  });
});
