// Run by test/package/pack-import.test.ts: CommonJS `require` of every entry point, and a
// real insert, then a cancelled one, all through the CJS build.
const assert = require('node:assert/strict');
const { lastValueFrom, Subject } = require('rxjs');
const core = require('kinetic-core');
const operators = require('kinetic-core/operators');
const testing = require('kinetic-core/testing');
assert.equal(typeof require('kinetic-core/node').fileJournal, 'function');

assert.equal(typeof core.SalesforceClient, 'function');
assert.equal(typeof core.AccessTokenAuthenticator, 'function');
assert.equal(core.DEFAULT_API_VERSION, '66.0');
assert.equal(typeof operators.cancelOn, 'function');
assert.equal(typeof testing.startBulkEmulator, 'function');
assert.match(require.resolve('kinetic-core'), /\/dist\/cjs\/src\/index\.js$/);
assert.match(require.resolve('kinetic-core/testing'), /\/dist\/cjs\/src\/testing\/index\.js$/);
assert.equal(require('kinetic-core/package.json').name, 'kinetic-core');
assert.throws(() => require('kinetic-core/dist/cjs/src/client/salesforce-client.js'), {
  code: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
});

async function main() {
  const emulator = await testing.startBulkEmulator({ processing: { recordsPerSecond: 20, tickMs: 50 } });
  try {
    const client = new core.SalesforceClient({
      auth: new core.AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken }),
      pollPolicy: core.fixedPolling(20),
    });
    const result = await lastValueFrom(client.bulk.insert('Contact', [{ LastName: 'Cjs' }]).pipe(operators.toResult()));
    assert.equal(result.successCount, 1);

    // cancel once the job is running: the job must end Aborted on the server
    const cancel$ = new Subject();
    const states = [];
    await new Promise((resolve, reject) => {
      const rows = Array.from({ length: 200 }, (_, i) => ({ LastName: `Row ${i}` }));
      client.bulk
        .insert('Contact', rows)
        .pipe(operators.cancelOn(cancel$), operators.progress())
        .subscribe({
          next: (p) => {
            states.push(p.state);
            if (p.state === 'InProgress') cancel$.next();
          },
          error: reject,
          complete: resolve,
        });
    });
    assert.equal(states.at(-1), 'Aborted');
    assert.equal(emulator.jobs.list().at(-1).state, 'Aborted');
    await client.whenSettled();
  } finally {
    await emulator.close();
  }
  console.log('cjs ok');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
