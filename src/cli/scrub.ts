import { SecretSet } from '../errors/secret-set.js';

/**
 * The secrets of this command-line run. The SDK keeps secrets per client; the CLI is one run
 * per process, and everything it prints (its own messages included) must be masked with them.
 */
const cliSecrets = new SecretSet();

/** Environment variables whose values are secrets: never printed, whatever prints them. */
const SECRET_VARIABLES = [
  'SF_ACCESS_TOKEN',
  'SF_CLIENT_SECRET',
  'SF_PASSWORD',
  'SF_SECURITY_TOKEN',
  'SF_REFRESH_TOKEN',
  'SF_PRIVATE_KEY',
] as const;

/** Options whose values are secrets. */
const SECRET_OPTIONS = ['--access-token'] as const;

/**
 * Registers every secret the command line and the environment hold, before anything is parsed,
 * so that even a usage error echoing an argument cannot print one.
 */
export function registerCliSecrets(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): void {
  for (const name of SECRET_VARIABLES) cliSecrets.add(env[name]?.trim());
  argv.forEach((arg, i) => {
    for (const option of SECRET_OPTIONS) {
      if (arg === option) cliSecrets.add(argv[i + 1]);
      else if (arg.startsWith(`${option}=`)) cliSecrets.add(arg.slice(option.length + 1));
    }
  });
}

/**
 * Masks secrets in text meant for a person or a log: registered secrets, token-shaped text, and
 * the value of any `--option=value` that a usage error quotes (a mistyped `--acces-token=...`
 * is unknown to the parser, so its value could not be registered as a secret).
 */
export function scrub(text: string): string {
  return cliSecrets.redact(text).replace(/('--[A-Za-z0-9-]+=)[^']*'/g, "$1…'");
}
