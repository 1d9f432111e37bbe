import { inspect } from 'node:util';
import { firstValueFrom } from 'rxjs';
import { SfCliAuthenticator } from '../../../src/auth/sf-cli-authenticator.js';
import { SfCliError } from '../../../src/auth/sf-cli-error.js';
import type { SfCliOutcome, SfCliRunner } from '../../../src/auth/sf-cli-runner.js';
import { redact } from '../../../src/errors/redact.js';
import { ValidationError } from '../../../src/errors/validation-error.js';

// `sf org display --json --target-org X` turned into a session, with a scripted runner.

const TOKEN = '00Dsf0000001AbC!AQ4AQSfCliUnitTokenValue.x9';

const displayed = (result: Record<string, unknown>): SfCliOutcome => ({
  kind: 'exited',
  exitCode: 0,
  stdout: JSON.stringify({ status: 0, result, warnings: ['This command will expose sensitive information'] }),
});

const good = displayed({
  id: '00Dsf0000001AbCEAU',
  apiVersion: '66.0',
  accessToken: TOKEN,
  instanceUrl: 'https://acme.my.salesforce.com/',
  username: 'ada@acme.example',
  alias: 'acme',
  connectedStatus: 'Connected',
});

/** A runner that answers from a list and records each call. */
function scripted(...outcomes: SfCliOutcome[]): SfCliRunner & { calls: { command: string; args: string[] }[] } {
  const calls: { command: string; args: string[] }[] = [];
  const run = (command: string, args: readonly string[]): Promise<SfCliOutcome> => {
    calls.push({ command, args: [...args] });
    const next = outcomes.shift();
    return next ? Promise.resolve(next) : Promise.reject(new Error('no more scripted outcomes'));
  };
  return Object.assign(run, { calls });
}

async function failure(auth: SfCliAuthenticator): Promise<unknown> {
  try {
    await firstValueFrom(auth.session());
  } catch (error) {
    return error;
  }
  throw new Error('expected the session to fail');
}

/** Every way an error could end up printed. */
function renderings(error: unknown): string {
  return [String(error), JSON.stringify(error), inspect(error, { depth: 10 })].join('\n');
}

describe('SfCliAuthenticator', () => {
  it('runs sf org display --json --target-org <org> and takes the instance URL and the token', async () => {
    const run = scripted(good);
    const auth = new SfCliAuthenticator({ targetOrg: 'acme', run });
    await expect(firstValueFrom(auth.session())).resolves.toEqual({
      instanceUrl: 'https://acme.my.salesforce.com',
      accessToken: TOKEN,
    });
    expect(run.calls).toEqual([{ command: 'sf', args: ['org', 'display', '--json', '--target-org', 'acme'] }]);
    expect(auth.username).toBe('ada@acme.example');
    expect(auth.flow).toBe('Salesforce CLI');
    // the token is a registered secret from now on, and the authenticator never shows it
    expect(redact(`token ${TOKEN}`)).toBe('token [REDACTED]');
    expect(JSON.stringify(auth) + inspect(auth)).not.toContain(TOKEN);
  });

  it('runs sf once for concurrent callers, and again after the token was refused (sf refreshes it)', async () => {
    const renewed = '00Dsf0000001AbC!AQ4AQSfCliRenewedToken.y7';
    const run = scripted(good, displayed({ accessToken: renewed, instanceUrl: 'https://acme.my.salesforce.com' }));
    const auth = new SfCliAuthenticator({ targetOrg: 'acme', run });
    const [a, b] = await Promise.all([firstValueFrom(auth.session()), firstValueFrom(auth.session())]);
    expect(a).toBe(b);
    expect(run.calls).toHaveLength(1);
    auth.invalidate(a);
    await expect(firstValueFrom(auth.session())).resolves.toMatchObject({ accessToken: renewed });
    expect(run.calls).toHaveLength(2);
    expect(auth.canRefresh).toBe(true);
  });

  it('skips lines printed before the JSON (update notices)', async () => {
    const noisy: SfCliOutcome = {
      kind: 'exited',
      exitCode: 0,
      stdout: ` ›   Warning: @salesforce/cli update available\n${good.kind === 'exited' ? good.stdout : ''}`,
    };
    const auth = new SfCliAuthenticator({ targetOrg: 'acme', run: scripted(noisy) });
    await expect(firstValueFrom(auth.session())).resolves.toMatchObject({ accessToken: TOKEN });
  });

  it('an org sf does not know is an SfCliError with the message and name sf gave', async () => {
    const unknown: SfCliOutcome = {
      kind: 'exited',
      exitCode: 1,
      stdout: JSON.stringify({
        name: 'NoAuthInfoFoundError',
        message: 'No authorization information found for nope.',
        exitCode: 1,
        status: 1,
        warnings: [],
      }),
    };
    const error = await failure(new SfCliAuthenticator({ targetOrg: 'nope', run: scripted(unknown) }));
    expect(error).toBeInstanceOf(SfCliError);
    expect(error).toMatchObject({ failure: 'org-error', targetOrg: 'nope', sfErrorName: 'NoAuthInfoFoundError' });
    expect((error as Error).message).toBe(
      'sf org display --target-org nope failed: No authorization information found for nope. (sf org list shows the orgs sf knows; sf org login web adds one)',
    );
  });

  it('sf missing, too slow, or not runnable: each its own failure, with what to do', async () => {
    const cases: [SfCliOutcome, string, RegExp][] = [
      [{ kind: 'not-found' }, 'not-installed', /The Salesforce CLI \(sf\) was not found on the PATH: install it/],
      [{ kind: 'timed-out' }, 'timeout', /did not answer in time/],
      [{ kind: 'failed', reason: 'EACCES' }, 'failed', /could not be run: EACCES/],
    ];
    for (const [outcome, kind, message] of cases) {
      const error = await failure(new SfCliAuthenticator({ targetOrg: 'acme', run: scripted(outcome) }));
      expect(error).toBeInstanceOf(SfCliError);
      expect({ kind, failure: (error as SfCliError).failure }).toEqual({ kind, failure: kind });
      expect((error as Error).message).toMatch(message);
    }
  });

  it('output that is not the JSON of org display is malformed-output, and never quoted (it may hold the token)', async () => {
    const leaky = '00Dsf0000001AbC!AQ4AQLeakyMalformedToken.z1';
    const outputs = [
      `Error: could not parse ${leaky}`,
      `{"status":0,"result":{"accessToken":"${leaky}"}}`, // no instanceUrl
      `{"status":0,"result":{"accessToken":"${leaky}","instanceUrl":`, // cut short
      '',
    ];
    for (const stdout of outputs) {
      const error = await failure(
        new SfCliAuthenticator({ targetOrg: 'acme', run: scripted({ kind: 'exited', exitCode: 0, stdout }) }),
      );
      expect(error).toBeInstanceOf(SfCliError);
      expect((error as SfCliError).failure).toBe('malformed-output');
      expect((error as Error).message).toMatch(
        /^sf org display --target-org acme printed (no JSON|JSON without an instance URL and access token) \(exit code 0\)/,
      );
      expect(renderings(error)).not.toContain(leaky);
      expect(renderings(error)).not.toContain('AQ4AQLeaky');
    }
  });

  it('refuses a plain-http instance URL that is not local', async () => {
    const run = scripted(displayed({ accessToken: TOKEN, instanceUrl: 'http://acme.example.com' }));
    await expect(failure(new SfCliAuthenticator({ targetOrg: 'acme', run }))).resolves.toBeInstanceOf(ValidationError);
  });

  it('refuses a target org that sf would read as an option, or that is empty', () => {
    for (const targetOrg of ['', '  ', '-x', '--target-org=other', 'a\u001b[2Jb'])
      expect(() => new SfCliAuthenticator({ targetOrg, run: scripted() })).toThrow(ValidationError);
    expect(() => new SfCliAuthenticator({ targetOrg: 'acme', timeoutMs: 0, run: scripted() })).toThrow(
      /timeoutMs must be a positive number/,
    );
  });
});
