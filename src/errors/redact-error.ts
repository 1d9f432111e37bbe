import { KineticError } from './kinetic-error.js';
import type { SecretSet } from './secret-set.js';

/**
 * Redacts an error in place with a client's secrets: message, stack, every own field, and the
 * cause chain. The client applies it to every error it passes on, after the errors were built
 * with redacted copies already, as a net for anything raised where the secrets were not at hand.
 * Frozen properties and values other than errors are left as they are.
 */
export function redactError<E>(error: E, secrets: SecretSet): E {
  redactInPlace(error, secrets, 0);
  return error;
}

function redactInPlace(error: unknown, secrets: SecretSet, depth: number): void {
  if (!(error instanceof Error) || depth > 8) return;
  const keys = error instanceof KineticError ? ['message', 'stack', ...Object.keys(error)] : ['message', 'stack'];
  for (const key of keys) replace(error, key, secrets);
  const cause: unknown = Reflect.get(error, 'cause');
  if (cause instanceof Error) redactInPlace(cause, secrets, depth + 1);
  else if (cause !== undefined) replace(error, 'cause', secrets);
}

function replace(target: Error, key: string, secrets: SecretSet): void {
  // `stack` may be an accessor on some engines: read it, and define a plain value instead
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (!descriptor || !descriptor.configurable) return;
  const value: unknown = 'value' in descriptor ? descriptor.value : Reflect.get(target, key);
  if (value === undefined) return;
  Object.defineProperty(target, key, {
    value: secrets.redactValue(value),
    enumerable: descriptor.enumerable ?? false,
    writable: true,
    configurable: true,
  });
}
