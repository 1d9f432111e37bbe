import { UsageError } from './usage-error.js';

/**
 * The value given by one of two spellings of an option (kinetic's and the Salesforce CLI's, or
 * an argument and its flag); giving both with different values is a usage error.
 */
export function either<T>(
  first: readonly [string, T | undefined],
  second: readonly [string, T | undefined],
): T | undefined {
  const [firstName, a] = first;
  const [secondName, b] = second;
  if (a !== undefined && b !== undefined && a !== b)
    throw new UsageError(`${firstName} and ${secondName} give different values: give one of them`);
  return a ?? b;
}

/** Like `either`, for a value the command cannot do without. */
export function required<T>(
  first: readonly [string, T | undefined],
  second: readonly [string, T | undefined],
  what: string,
): T {
  const value = either(first, second);
  if (value === undefined) throw new UsageError(`missing ${what}: give it as ${first[0]} or with ${second[0]}`);
  return value;
}
