// Run by test/package/pack-import.test.ts in a fresh project that installed the tarball:
// ESM `import` of every entry point, and a real insert with the client imported as ESM
// against an emulator loaded with `require` (both builds of one package in one process).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { lastValueFrom } from 'rxjs';
import { AccessTokenAuthenticator, KineticError, SalesforceClient, fixedPolling, ValidationError } from 'kinetic-core';
import * as operators from 'kinetic-core/operators';
import * as testingEsm from 'kinetic-core/testing';
import { fileJournal } from 'kinetic-core/node';

const require = createRequire(import.meta.url);
const { startBulkEmulator } = require('kinetic-core/testing');

assert.equal(typeof SalesforceClient, 'function');
assert.equal(typeof testingEsm.startBulkEmulator, 'function');
assert.equal(typeof fileJournal('journal.json').write, 'function');
for (const name of [
  'toResult',
  'progress',
  'cancelOn',
  'timeoutJob',
  'jobStates',
  'retryFailedRecords',
  'throwOnFailures',
]) {
  assert.equal(typeof operators[name], 'function', `kinetic-core/operators exports ${name}`);
}
assert.ok(new ValidationError('x', []) instanceof KineticError);
assert.match(import.meta.resolve('kinetic-core'), /\/dist\/esm\/src\/index\.js$/);
assert.match(import.meta.resolve('kinetic-core/operators'), /\/dist\/esm\/operators\/index\.js$/);
await assert.rejects(import('kinetic-core/dist/esm/src/client/salesforce-client.js'), {
  code: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
});

const emulator = await startBulkEmulator({ processing: 'instant' });
try {
  const client = new SalesforceClient({
    auth: new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken }),
    pollPolicy: fixedPolling(20),
  });
  const result = await lastValueFrom(
    client.bulk.insert('Account', [{ Name: 'Esm One' }, { Name: 'Esm Two' }]).pipe(operators.toResult()),
  );
  assert.equal(result.successCount, 2);
  assert.equal(result.failedCount, 0);
  const last = await lastValueFrom(client.bulk.insert('Account', [{ Name: 'Esm Three' }]).pipe(operators.progress()));
  assert.equal(last.state, 'JobComplete');
  assert.equal(last.percent, 100);
  assert.equal(emulator.org.count('Account'), 3);
  await client.whenSettled();
} finally {
  await emulator.close();
}
console.log('esm ok');
