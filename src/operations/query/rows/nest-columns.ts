import type { CsvRow } from '../../../csv/csv-push-parser.js';

/** A row with relationship columns nested: `{ Name, Owner: { Name } }`; a parent with no values is `null`. */
export interface NestedRecord {
  readonly [column: string]: string | NestedRecord | null;
}

type Mutable = { [column: string]: string | Mutable | null };

/**
 * Turns dotted relationship columns into nested objects: `Owner.Name` and `Owner.Email`
 * become `Owner: { Name, Email }`, at any depth (`Account.Owner.Name`). Salesforce writes a
 * missing parent as empty values in every one of its columns, so a parent whose values are
 * all empty becomes `null`. A path that collides with a plain column, or that would name
 * `__proto__`, is left flat.
 *
 * @example
 * nestColumns({ Id: '003', 'Account.Name': 'Acme', 'Owner.Name': '' });
 * // { Id: '003', Account: { Name: 'Acme' }, Owner: null }
 */
export function nestColumns(row: CsvRow): NestedRecord {
  const out: Mutable = {};
  let nested = false;
  for (const column in row) {
    const value = row[column] as string;
    if (!column.includes('.')) {
      const existing = out[column];
      // a plain column keeps its name; a nested path already under that name goes back to flat
      if (existing !== undefined && existing !== null && typeof existing === 'object') flatten(column, existing, out);
      out[column] = value;
      continue;
    }
    const path = column.split('.');
    const leaf = path[path.length - 1] as string;
    const target = path.every(isSafeKey) ? walk(out, path) : undefined;
    if (target === undefined || leaf in target) {
      out[column] = value;
      continue;
    }
    target[leaf] = value;
    nested = true;
  }
  return nested ? nullEmptyParents(out) : out;
}

function isSafeKey(key: string): boolean {
  return key !== '' && key !== '__proto__';
}

function flatten(prefix: string, node: Mutable, out: Mutable): void {
  for (const key in node) {
    const value = node[key] as string | Mutable | null;
    if (value !== null && typeof value === 'object') flatten(`${prefix}.${key}`, value, out);
    else out[`${prefix}.${key}`] = value;
  }
}

/** The object a dotted path's leaf goes into, created along the way; undefined on a collision. */
function walk(root: Mutable, path: readonly string[]): Mutable | undefined {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string;
    const child = node[key];
    if (child === undefined) {
      const created: Mutable = {};
      node[key] = created;
      node = created;
    } else if (child !== null && typeof child === 'object') {
      node = child;
    } else {
      return undefined;
    }
  }
  return node;
}

/** Replaces objects whose leaves are all empty strings by null, bottom-up. */
function nullEmptyParents(node: Mutable): Mutable {
  for (const key in node) {
    const child = node[key];
    if (child !== null && typeof child === 'object') {
      nullEmptyParents(child);
      if (isEmpty(child)) node[key] = null;
    }
  }
  return node;
}

function isEmpty(node: Mutable): boolean {
  for (const key in node) {
    const value = node[key];
    if (value !== null && value !== '') return false;
  }
  return true;
}
