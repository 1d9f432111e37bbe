import { DEFAULT_SCHEMA } from './default-schema.js';
import type { SchemaInput } from './schema-types.js';
import { SObjectSchema } from './sobject-schema.js';

const RESERVED_PREFIXES = new Set(['005', '00D', '750', '01g']);

function generatedPrefix(used: Set<string>): string {
  for (let n = 0; n < 36 * 36; n++) {
    const prefix = `a${n.toString(36).padStart(2, '0')}`;
    if (!used.has(prefix)) return prefix;
  }
  throw new Error('No free key prefix left');
}

/** All sObjects of the emulated org, looked up case-insensitively by name or by key prefix. */
export class SchemaRegistry {
  private readonly byName = new Map<string, SObjectSchema>();
  private readonly byPrefix = new Map<string, SObjectSchema>();

  /** Merges `input` over the default schema (an object given in `input` replaces the default one). */
  constructor(input: SchemaInput = {}, replaceDefaults = false) {
    const merged: SchemaInput = replaceDefaults ? input : { ...DEFAULT_SCHEMA, ...input };
    const used = new Set(RESERVED_PREFIXES);
    for (const def of Object.values(merged)) if (def.keyPrefix) used.add(def.keyPrefix);
    for (const [name, def] of Object.entries(merged)) {
      const prefix = def.keyPrefix ?? generatedPrefix(used);
      if (!/^[a-zA-Z0-9]{3}$/.test(prefix)) throw new Error(`Invalid key prefix for ${name}: ${prefix}`);
      used.add(prefix);
      const schema = new SObjectSchema(name, prefix, def);
      this.byName.set(name.toLowerCase(), schema);
      this.byPrefix.set(prefix, schema);
    }
  }

  /** The sObject with this API name, matched case-insensitively. */
  object(name: string): SObjectSchema | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The sObject owning an id, found by its first three characters. */
  objectForId(id: string): SObjectSchema | undefined {
    return this.byPrefix.get(id.slice(0, 3));
  }

  /** Every sObject. */
  objects(): readonly SObjectSchema[] {
    return [...this.byName.values()];
  }
}
