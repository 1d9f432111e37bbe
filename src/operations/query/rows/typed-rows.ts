import type * as z from 'zod/mini';

/** A zod 4 object schema describing one result row (field API names as keys): `zod` or `zod/mini`. */
export type QuerySchema = z.core.$ZodObject;

type Kind = 'number' | 'bigint' | 'boolean' | 'date' | 'object' | 'other';

/** How one field's CSV text is turned into a value before validation. */
interface FieldPlan {
  readonly kind: Kind;
  /** What an empty cell becomes: null, or undefined for `.optional()`/`.default()` fields that refuse null. */
  readonly empty: null | undefined;
  readonly fields?: RowPlan;
}

/** Field name to plan, built once per schema. */
export type RowPlan = ReadonlyMap<string, FieldPlan>;

/** The parts of a zod definition we read; zod 4 keeps them on `schema.def`. */
interface Def {
  readonly type: string;
  readonly innerType?: z.core.$ZodType;
  readonly in?: z.core.$ZodType;
  readonly options?: readonly z.core.$ZodType[];
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly getter?: () => z.core.$ZodType;
}

const defOf = (schema: z.core.$ZodType): Def => (schema as unknown as { def: Def }).def;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Reads a schema once: which fields are numbers, booleans, dates, nested objects. */
export function planRow(schema: QuerySchema): RowPlan {
  const plan = new Map<string, FieldPlan>();
  for (const [name, field] of Object.entries(defOf(schema).shape ?? {})) plan.set(name, planField(field));
  return plan;
}

function planField(schema: z.core.$ZodType): FieldPlan {
  let current: z.core.$ZodType | undefined = schema;
  let nullable = false;
  let optional = false;
  // wrappers are unwrapped to the type that decides the coercion; the depth bound stops lazy cycles
  for (let depth = 0; current !== undefined && depth < 32; depth++) {
    const def: Def = defOf(current);
    switch (def.type) {
      case 'nullable':
        nullable = true;
        current = def.innerType;
        continue;
      case 'optional':
      case 'default':
      case 'prefault':
        optional = true;
        current = def.innerType;
        continue;
      case 'catch':
      case 'readonly':
      case 'nonoptional':
        current = def.innerType;
        continue;
      case 'pipe':
        current = def.in;
        continue;
      case 'lazy':
        current = def.getter?.();
        continue;
      default: {
        const empty = optional && !nullable ? undefined : null;
        if (def.type === 'object') return { kind: 'object', empty, fields: planRow(current as QuerySchema) };
        return { kind: kindOf(def), empty };
      }
    }
  }
  return { kind: 'other', empty: null };
}

function kindOf(def: Def): Kind {
  switch (def.type) {
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'date':
      return def.type;
    case 'union': {
      // a union coerces only when every member wants the same coercion
      const kinds = new Set((def.options ?? []).map((option) => planField(option).kind));
      const [only] = kinds;
      return kinds.size === 1 && only !== undefined && only !== 'object' ? only : 'other';
    }
    default:
      return 'other';
  }
}

/**
 * Turns a row's CSV strings into the types the schema asks for: numbers, `true`/`false`
 * booleans, `yyyy-MM-dd` dates (UTC midnight) and ISO datetimes as `Date`, empty cells as
 * null. Text that does not convert is left as it is, so validation reports it. Columns the
 * schema does not name pass through untouched. Never mutates its input.
 */
export function coerceRow(row: Readonly<Record<string, unknown>>, plan: RowPlan): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in row) {
    const value = row[key];
    const field = plan.get(key);
    out[key] = field === undefined ? value : coerceValue(value, field);
  }
  return out;
}

function coerceValue(value: unknown, field: FieldPlan): unknown {
  if (value === '') return field.empty;
  if (typeof value !== 'string') {
    return field.fields !== undefined && value !== null && typeof value === 'object'
      ? coerceRow(value as Record<string, unknown>, field.fields)
      : value;
  }
  switch (field.kind) {
    case 'number':
      return NUMBER.test(value) ? Number(value) : value;
    case 'bigint':
      return INTEGER.test(value) ? BigInt(value) : value;
    case 'boolean': {
      const lower = value.toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : value;
    }
    case 'date':
      return toDate(value) ?? value;
    default:
      return value;
  }
}

function toDate(value: string): Date | undefined {
  const day = DATE.exec(value);
  if (day) {
    const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    // reject 2024-02-31 rather than rolling it over to March
    return date.getUTCDate() === Number(day[3]) ? date : undefined;
  }
  if (!DATETIME.test(value)) return undefined;
  const date = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
