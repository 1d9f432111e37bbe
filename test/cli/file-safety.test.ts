/* eslint-disable no-control-regex -- these tests look for control characters */
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKinetic } from '../../src/cli/kinetic.js';
import { startBulkEmulator, type BulkEmulator } from '../../src/testing/index.js';
import { CliHarness, jsonDocument, target } from './cli-harness';
import { fakeProcess } from './fake-tty';
import { HostileServer, ingestJob } from './hostile-server';

// The command's files and terminal against a server that lies: job ids that are paths, fields that
// carry escape sequences; and a results folder with traps in it (links, leftover files).

const ID = '750000000000001AAA';
const JOB = `/services/data/v66.0/jobs/ingest/${ID}`;
const SUCCESS_CSV = '"sf__Id","sf__Created",Name\n"001000000000001AAA","true","Acme"\n';
// C0, C1 and escape sequences: clear screen, window title, OSC 52 (clipboard), a C1 CSI, a bell
const HOSTILE = '\u001b[2J\u001b]0;pwned\u0007\u001b]52;c;ZXZpbA==\u001b\\\u009b31m\u0007\r';
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('kinetic file and terminal safety', () => {
  let cli: CliHarness;
  let server: HostileServer;

  beforeAll(async () => {
    [cli, server] = await Promise.all([CliHarness.create(), HostileServer.start()]);
  });

  afterAll(async () => {
    await server.close();
    cli.remove();
  });

  beforeEach(() => {
    server.requests.length = 0;
    server.answer = (method, path) => {
      if (method !== 'GET') return undefined;
      if (path === JOB) return { body: ingestJob({}) };
      if (path === `${JOB}/successfulResults`) return { type: 'text/csv', body: SUCCESS_CSV };
      if (path === `${JOB}/failedResults`) return { type: 'text/csv', body: '"sf__Id","sf__Error",Name\n' };
      if (path === `${JOB}/unprocessedrecords`) return { type: 'text/csv', body: 'Name\n' };
      return undefined;
    };
  });

  it('a job id that is a path is refused before any request (the argument) or any file (the reply)', async () => {
    const argument = await cli.run(['jobs', 'results', '../../victim', ...server.flags()]);
    expect(argument.code).toBe(2);
    expect(argument.stderr).toContain(
      'UsageError: "../../victim" is not a job id: expected 15 or 18 letters and digits',
    );
    expect(server.requests).toEqual([]);

    // the server answers for the right job with an id that climbs out of kinetic-results/
    mkdirSync(cli.path('victim'), { recursive: true });
    writeFileSync(cli.path('victim/success.csv'), 'precious\n');
    server.answer = (method, path) => (path === JOB ? { body: ingestJob({ id: '../victim' }) } : undefined);
    const reply = await cli.run(['jobs', 'results', ID, '--json', ...server.flags()]);
    expect(reply.code).toBe(2);
    // the SDK refuses an answer about another job before the CLI builds any path from it
    expect(jsonDocument(reply.stdout)).toMatchObject({
      status: 1,
      name: 'ResponseValidationError',
      message: `The answer about job ${ID} describes another job ("../victim")`,
    });
    expect(readFileSync(cli.path('victim/success.csv'), 'utf8')).toBe('precious\n');
    expect(existsSync(cli.path('kinetic-results'))).toBe(false);
    expect(server.requests).toEqual([`GET ${JOB}`]);

    // another job's id is refused too
    server.answer = (method, path) => (path === JOB ? { body: ingestJob({ id: '750000000000999AAA' }) } : undefined);
    expect((await cli.run(['jobs', 'results', ID, ...server.flags()])).stderr).toContain(
      'ResponseValidationError: The answer about job 750000000000001AAA describes another job',
    );
  });

  it('result files are 0600 in a 0700 folder, named after a checked id', async () => {
    const run = await cli.run(['jobs', 'results', ID, ...server.flags()]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const dir = cli.path(`kinetic-results/${ID}`);
    expect(lstatSync(cli.path('kinetic-results')).mode & 0o777).toBe(0o700);
    expect(lstatSync(dir).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir).sort()).toEqual(['failed.csv', 'success.csv', 'unprocessed.csv']);
    for (const name of readdirSync(dir)) expect(lstatSync(join(dir, name)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'success.csv'), 'utf8')).toBe(
      `jobId,id,created,Name\n${ID},001000000000001AAA,true,Acme\n`,
    );
  });

  it('never writes through a symbolic link, nor empties a file it did not name', async () => {
    writeFileSync(cli.path('target.txt'), 'precious\n');
    mkdirSync(cli.path('linked'));
    symlinkSync(cli.path('target.txt'), cli.path('linked/failed.csv'));
    const link = await cli.run(['jobs', 'results', ID, '--results-dir', 'linked', ...server.flags()]);
    expect(link.code).toBe(2);
    expect(link.stderr).toBe(
      'kinetic: OutputFileError: cannot write linked/failed.csv: it is a symbolic link (kinetic does not write through links)\n',
    );
    expect(readFileSync(cli.path('target.txt'), 'utf8')).toBe('precious\n');
    // nothing half-written is left behind, and no results were fetched
    expect(readdirSync(cli.path('linked'))).toEqual(['failed.csv']);
    expect(server.requests).toEqual([`GET ${JOB}`]);

    // a link where the partial file goes (an attacker's guess) is not followed either
    mkdirSync(cli.path('guessed'));
    symlinkSync(cli.path('target.txt'), cli.path('guessed/success.csv.partial'));
    const guessed = await cli.run(['jobs', 'results', ID, '--results-dir', 'guessed', ...server.flags()]);
    expect(guessed.code).toBe(2);
    expect(guessed.stderr).toContain('cannot create guessed/success.csv.partial: it already exists');
    expect(readFileSync(cli.path('target.txt'), 'utf8')).toBe('precious\n');

    // a leftover .partial is reported, not emptied
    mkdirSync(cli.path('left'));
    writeFileSync(cli.path('left/unprocessed.csv.partial'), 'from an earlier run\n');
    const left = await cli.run(['jobs', 'results', ID, '--results-dir', 'left', ...server.flags()]);
    expect(left.code).toBe(2);
    expect(left.stderr).toContain('(left by an interrupted run? remove it)');
    expect(readFileSync(cli.path('left/unprocessed.csv.partial'), 'utf8')).toBe('from an earlier run\n');

    // a default folder reached through a link is refused (a named one is the user's choice)
    const elsewhere = cli.path('elsewhere');
    mkdirSync(elsewhere);
    mkdirSync(cli.path('links'));
    symlinkSync(elsewhere, cli.path('links/kinetic-results'));
    const sub = await new CliHarnessIn(cli, 'links').run(['jobs', 'results', ID, ...server.flags()]);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain('cannot use kinetic-results: it is a symbolic link');
    expect(readdirSync(elsewhere)).toEqual([]);

    // an earlier run's regular files are replaced (renamed over), not written into
    const again = await cli.run(['jobs', 'results', ID, '--results-dir', 'twice', ...server.flags()]);
    expect(again.code).toBe(0);
    // a second name for the first run's file: the next run must leave its content alone
    linkSync(cli.path('twice/success.csv'), cli.path('keep.csv'));
    writeFileSync(cli.path('keep.csv'), 'old\n');
    const twice = await cli.run(['jobs', 'results', ID, '--results-dir', 'twice', ...server.flags()]);
    expect(twice.code).toBe(0);
    expect(readFileSync(cli.path('twice/success.csv'), 'utf8')).toContain('Acme');
    expect(readFileSync(cli.path('keep.csv'), 'utf8')).toBe('old\n');
  });

  it('a query output file: a leftover .partial is kept and reported, a link is refused', async () => {
    writeFileSync(cli.path('rows.csv.partial'), 'someone else\n');
    const run = await cli.run(['query', 'SELECT Id FROM Account', '--out', 'rows.csv', ...server.flags()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot create rows.csv.partial: it already exists');
    expect(readFileSync(cli.path('rows.csv.partial'), 'utf8')).toBe('someone else\n');
    symlinkSync(cli.path('target.txt'), cli.path('linked.csv'));
    const link = await cli.run(['query', 'SELECT Id FROM Account', '--out', 'linked.csv', ...server.flags()]);
    expect(link.stderr).toContain('cannot write linked.csv: it is a symbolic link');
    expect(server.requests).toEqual([]);
  });

  it('server text loses its control characters on the way to the terminal', async () => {
    server.answer = (method, path) => {
      if (path === JOB)
        return { body: ingestJob({ object: `Account${HOSTILE}`, errorMessage: `boom${HOSTILE}`, state: 'Failed' }) };
      if (path === '/services/data/v66.0/jobs/ingest')
        return {
          body: JSON.stringify({
            done: true,
            records: [JSON.parse(ingestJob({ object: `Contact${HOSTILE}`, operation: `insert${HOSTILE}` }))],
            nextRecordsUrl: null,
          }),
        };
      if (path === '/services/data/v66.0/jobs/query')
        return { status: 400, body: JSON.stringify([{ errorCode: 'X', message: `bad${HOSTILE}` }]) };
      return undefined;
    };
    const get = await cli.run(['jobs', 'get', ID, ...server.flags()]);
    expect(get.code).toBe(0);
    // the sequences go whole (a C1 CSI with its parameters too); a carriage return becomes a space
    expect(get.stdout).toMatch(/^object: +Account $/m);
    expect(get.stdout).toMatch(/^errorMessage: +boom $/m);
    const list = await cli.run(['jobs', 'list', '--kind', 'ingest', ...server.flags()]);
    expect(list.stdout).toMatch(/ insert +Contact +JobComplete /);
    const refused = await cli.run(['jobs', 'list', '--kind', 'query', ...server.flags()]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^kinetic: ApiError: .*bad/m);
    for (const output of [get.stdout, get.stderr, list.stdout, list.stderr, refused.stderr])
      expect(output).not.toMatch(CONTROL);

    // on a terminal too (colours on): only the CLI's own colour codes remain
    const tty = fakeProcess(100);
    await runKinetic(['jobs', 'get', ID, ...server.flags()], tty.io);
    expect(tty.stdout.text).toMatch(/object: +Account \n/);
    expect(tty.stdout.text.replace(/\u001b\[(1|2|22|31|32|33|39)m/g, '')).not.toMatch(CONTROL);
  });
});

describe('kinetic query rows on a terminal', () => {
  let emulator: BulkEmulator;

  beforeAll(async () => {
    emulator = await startBulkEmulator({ processing: 'instant' });
  });

  afterAll(() => emulator.close());

  it('lose their control characters on a terminal, and keep them in a file', async () => {
    emulator.org.insert('Account', [{ Name: `Evil${HOSTILE}` }]);
    const tty = fakeProcess(100);
    const code = await runKinetic(['query', 'SELECT Name FROM Account', ...target(emulator)], tty.io);
    expect(code).toBe(0);
    // the value was quoted (it held a carriage return): the quotes stay, the controls go
    expect(tty.stdout.text).toBe('Name\n"Evil"\n');
    expect(tty.stderr.text.replace(/\r\u001b\[K/g, '')).not.toMatch(/[\u0007\u009b]|\u001b\]/);

    const dir = mkdtempSync(join(tmpdir(), 'kinetic-rows-'));
    try {
      const file = join(dir, 'rows.csv');
      expect(await runKinetic(['query', 'SELECT Name FROM Account', '--out', file, ...target(emulator)], tty.io)).toBe(
        0,
      );
      expect(readFileSync(file, 'utf8')).toBe(`Name\n"Evil${HOSTILE}"\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The same CLI run from another working directory (a subfolder of the harness's). */
class CliHarnessIn {
  constructor(
    private readonly cli: CliHarness,
    private readonly sub: string,
  ) {}

  run(args: readonly string[]): ReturnType<CliHarness['run']> {
    return this.cli.runIn(this.sub, args);
  }
}
