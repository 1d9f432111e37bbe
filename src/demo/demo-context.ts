import type { SalesforceClient } from '../index.js';
import type { BulkEmulator } from '../testing/index.js';
import type { DemoOutput } from './demo-output.js';

/** What every demo step works with. */
export interface DemoContext {
  readonly client: SalesforceClient;
  readonly emulator: BulkEmulator;
  readonly out: DemoOutput;
  /** Size of the large loads (steps 1 and 4). */
  readonly records: number;
}

/** Result-page downloads the emulator has served so far (`GET .../results`). */
export function resultPageCalls(emulator: BulkEmulator): number {
  return emulator.stats().requests['query.results']?.GET ?? 0;
}
