import { compileComparison } from './compile-comparison.js';
import type { SoqlCondition, SoqlResolve, SoqlRow } from './soql-ast.js';

/** Tests one stored row. */
export type RowTest = (row: SoqlRow) => boolean;

/**
 * Compiles a WHERE tree into a row test. `resolve` reads field paths from rows; relative date
 * literals are fixed against `now` so one query run sees one "today".
 */
export function compileCondition(condition: SoqlCondition, resolve: SoqlResolve, now: Date): RowTest {
  switch (condition.kind) {
    case 'and': {
      const parts = condition.operands.map((c) => compileCondition(c, resolve, now));
      return (row) => parts.every((test) => test(row));
    }
    case 'or': {
      const parts = condition.operands.map((c) => compileCondition(c, resolve, now));
      return (row) => parts.some((test) => test(row));
    }
    case 'not': {
      const inner = compileCondition(condition.operand, resolve, now);
      return (row) => !inner(row);
    }
    case 'comparison': {
      const test = compileComparison(condition.operator, condition.value, now);
      return (row) => test(resolve(row, condition.field));
    }
    case 'in': {
      // IN is a chain of `=`; NOT IN its negation, so a null value passes NOT IN (like `!=`)
      // unless the list itself contains NULL.
      const tests = condition.values.map((v) => compileComparison('=', v, now));
      const matches = (row: SoqlRow): boolean => {
        const value = resolve(row, condition.field);
        return tests.some((test) => test(value));
      };
      return condition.negated ? (row) => !matches(row) : matches;
    }
  }
}
