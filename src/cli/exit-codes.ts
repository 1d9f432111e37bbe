/** Exit codes of the `kinetic` command. */
export const EXIT = Object.freeze({
  /** Everything succeeded (every row of a load). */
  ok: 0,
  /** The command ran, but some rows failed or went unprocessed (or the job did not complete). */
  rowsFailed: 1,
  /** An error stopped the command: bad arguments, auth, network, a missing file, a deadline. */
  error: 2,
  /**
   * The jobs ran, but their result files could not be written (a full disk, a folder removed
   * meanwhile): the command names the jobs and how to fetch their results again.
   */
  resultsNotWritten: 3,
  /**
   * The load stopped midway (a bad row found late, with --no-precheck or from a pipe; the input
   * failing to read; the journal failing to write): the finished jobs' results are written, and
   * the command prints the one command that finishes the load (`--resume <folder>`).
   */
  loadStopped: 4,
  /** Interrupted by Ctrl-C (128 + SIGINT). */
  interrupted: 130,
});

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
