/**
 * Field types of the emulated org. `int` echoes as a plain integer; `number`, `double` and
 * `currency` are doubles (echoed Java-style); `textarea` is a long string.
 */
export type SfFieldType =
  | 'string'
  | 'textarea'
  | 'int'
  | 'number'
  | 'double'
  | 'currency'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'id'
  | 'reference';

/** A value stored in the org: dates as `yyyy-MM-dd`, datetimes as ISO strings with ms and `Z`. */
export type SfFieldValue = string | number | boolean | null;

/** A stored record: field API names (canonical case) to values. Always has `Id` and `IsDeleted`. */
export type SfRecord = Readonly<Record<string, SfFieldValue>>;

/** A field definition as given in the emulator options. */
export interface SfFieldInput {
  /** API name, e.g. `Name` or `External_Key__c`. */
  readonly name: string;
  /** The field type: `string`, `textarea`, `int`, `double`, `boolean`, `date`, `reference`, ... */
  readonly type: SfFieldType;
  /** Label used in row error messages; defaults to the name. */
  readonly label?: string;
  /** Maximum length for `string`/`textarea` (default 255 / 32,768). */
  readonly maxLength?: number;
  /** Insert fails with REQUIRED_FIELD_MISSING when no value is given. */
  readonly required?: boolean;
  /** Unique external id: usable as `externalIdFieldName` and in relationship columns. */
  readonly externalId?: boolean;
  /** Unique without being an external id. */
  readonly unique?: boolean;
  /** Usable to resolve relationship columns (like `Name` on Account). */
  readonly idLookup?: boolean;
  /** For `reference`: the target sObject, e.g. `Account`. */
  readonly referenceTo?: string;
  /** For `reference`: the relationship name used in dotted paths, e.g. `Account`. */
  readonly relationshipName?: string;
}

/** A field definition with defaults applied. */
export interface SfField extends SfFieldInput {
  readonly label: string;
  readonly required: boolean;
  readonly externalId: boolean;
  readonly unique: boolean;
  readonly idLookup: boolean;
  /** System fields (Id, IsDeleted, CreatedDate...) are neither creatable nor updatable. */
  readonly system: boolean;
}

/** An sObject as given in the emulator options. System fields are added automatically. */
export interface SObjectInput {
  /** 3-character id key prefix (e.g. `001`); generated for objects that give none. */
  readonly keyPrefix?: string;
  /** The fields, besides the system fields. */
  readonly fields: readonly SfFieldInput[];
}

/** Schema option: sObject API name to definition. */
export type SchemaInput = Readonly<Record<string, SObjectInput>>;
