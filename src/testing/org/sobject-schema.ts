import type { SObjectInput, SfField, SfFieldInput } from './schema-types.js';

const SYSTEM_FIELDS: readonly SfFieldInput[] = [
  { name: 'Id', type: 'id', label: 'Record ID' },
  { name: 'IsDeleted', type: 'boolean', label: 'Deleted' },
  { name: 'CreatedDate', type: 'datetime', label: 'Created Date' },
  { name: 'CreatedById', type: 'id', label: 'Created By ID' },
  { name: 'LastModifiedDate', type: 'datetime', label: 'Last Modified Date' },
  { name: 'LastModifiedById', type: 'id', label: 'Last Modified By ID' },
  { name: 'SystemModstamp', type: 'datetime', label: 'System Modstamp' },
];

function complete(input: SfFieldInput, system: boolean): SfField {
  return {
    ...input,
    label: input.label ?? input.name,
    required: input.required ?? false,
    externalId: input.externalId ?? false,
    unique: input.unique ?? false,
    idLookup: input.idLookup ?? input.externalId ?? false,
    maxLength: input.maxLength ?? (input.type === 'textarea' ? 32_768 : input.type === 'string' ? 255 : undefined),
    system,
  };
}

/** One sObject's schema: case-insensitive field and relationship lookup. */
export class SObjectSchema {
  /** All fields, system fields first. */
  readonly fields: readonly SfField[];
  private readonly byName = new Map<string, SfField>();
  private readonly byRelationship = new Map<string, SfField>();

  constructor(
    /** Canonical API name. */
    readonly name: string,
    /** 3-character id prefix. */
    readonly keyPrefix: string,
    input: SObjectInput,
  ) {
    const declared = new Set(input.fields.map((f) => f.name.toLowerCase()));
    const system = SYSTEM_FIELDS.filter((f) => !declared.has(f.name.toLowerCase())).map((f) => complete(f, true));
    this.fields = [...system, ...input.fields.map((f) => complete(f, false))];
    for (const field of this.fields) {
      this.byName.set(field.name.toLowerCase(), field);
      if (field.type === 'reference' && field.relationshipName) {
        this.byRelationship.set(field.relationshipName.toLowerCase(), field);
      }
    }
  }

  /** The field with this API name, matched case-insensitively. */
  field(name: string): SfField | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The reference field whose relationship name is `name` (e.g. `Account` -> `AccountId`). */
  relationship(name: string): SfField | undefined {
    return this.byRelationship.get(name.toLowerCase());
  }

  /** Fields whose values must be unique (external ids and unique fields). */
  uniqueFields(): readonly SfField[] {
    return this.fields.filter((f) => f.externalId || f.unique);
  }
}
