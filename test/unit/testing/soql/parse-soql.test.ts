import { parseSoql, type SoqlCondition } from '../../../../src/testing/soql/index.js';

function whereOf(clause: string): SoqlCondition | undefined {
  return parseSoql(`SELECT Id FROM Account WHERE ${clause}`).where;
}

describe('parseSoql: select list and FROM', () => {
  it('keeps fields and object exactly as written, including dotted parent paths', () => {
    const query = parseSoql('SELECT Id, Name, Account.Name, Owner.Manager.Email FROM Contact');
    expect(query).toEqual({
      object: 'Contact',
      fields: ['Id', 'Name', 'Account.Name', 'Owner.Manager.Email'],
      orderBy: [],
    });
    expect(query.where).toBeUndefined();
    expect(query.limit).toBeUndefined();
  });

  it('accepts keywords in any case and custom names with underscores', () => {
    const query = parseSoql('select Id, My_Field__c from ns__Thing__c wHeRe My_Field__c = 1 order by Id limit 3');
    expect(query.object).toBe('ns__Thing__c');
    expect(query.fields).toEqual(['Id', 'My_Field__c']);
    expect(query.limit).toBe(3);
  });

  it('accepts newlines and tabs as whitespace', () => {
    expect(parseSoql('SELECT\n\tId,\r\n Name\nFROM\tAccount\n').fields).toEqual(['Id', 'Name']);
  });

  it('allows Order as an object name (it is not a reserved word)', () => {
    expect(parseSoql('SELECT Id FROM Order ORDER BY Id').object).toBe('Order');
  });
});

describe('parseSoql: WHERE operators', () => {
  it.each([
    ['=', '='],
    ['!=', '!='],
    ['<>', '!='],
    ['<', '<'],
    ['<=', '<='],
    ['>', '>'],
    ['>=', '>='],
  ])('parses %s as %s', (written, operator) => {
    expect(whereOf(`AnnualRevenue ${written} 10`)).toEqual({
      kind: 'comparison',
      field: 'AnnualRevenue',
      operator,
      value: { kind: 'number', value: 10 },
    });
  });

  it('parses LIKE, IN and NOT IN', () => {
    expect(whereOf("Name like 'Ac%'")).toEqual({
      kind: 'comparison',
      field: 'Name',
      operator: 'LIKE',
      value: { kind: 'string', value: 'Ac%' },
    });
    expect(whereOf("Industry IN ('Tech', null)")).toEqual({
      kind: 'in',
      field: 'Industry',
      negated: false,
      values: [{ kind: 'string', value: 'Tech' }, { kind: 'null' }],
    });
    expect(whereOf('AnnualRevenue not in (1, 2.5)')).toEqual({
      kind: 'in',
      field: 'AnnualRevenue',
      negated: true,
      values: [
        { kind: 'number', value: 1 },
        { kind: 'number', value: 2.5 },
      ],
    });
  });

  it('parses AND/OR chains flat and parentheses as nesting', () => {
    const where = whereOf("Name = 'a' AND (Industry = 'b' OR Industry = 'c') AND NOT AnnualRevenue > 5");
    expect(where?.kind).toBe('and');
    if (where?.kind !== 'and') return;
    expect(where.operands.map((o) => o.kind)).toEqual(['comparison', 'or', 'not']);
    const negated = where.operands[2];
    expect(negated).toEqual({
      kind: 'not',
      operand: { kind: 'comparison', field: 'AnnualRevenue', operator: '>', value: { kind: 'number', value: 5 } },
    });
  });

  it('parses a dotted path on the left-hand side', () => {
    expect(whereOf("Account.Owner.Name = 'x'")).toMatchObject({ field: 'Account.Owner.Name' });
  });
});

describe('parseSoql: literals', () => {
  const valueOf = (literal: string): unknown => {
    const where = whereOf(`F = ${literal}`);
    return where?.kind === 'comparison' ? where.value : undefined;
  };

  it.each([
    ['null', { kind: 'null' }],
    ['NULL', { kind: 'null' }],
    ['TRUE', { kind: 'boolean', value: true }],
    ['false', { kind: 'boolean', value: false }],
    ['42', { kind: 'number', value: 42 }],
    ['-7', { kind: 'number', value: -7 }],
    ['3.25', { kind: 'number', value: 3.25 }],
    ['-0.5', { kind: 'number', value: -0.5 }],
    ['2024-01-31', { kind: 'date', value: '2024-01-31' }],
    ['2024-01-31T10:00:00Z', { kind: 'datetime', value: '2024-01-31T10:00:00Z', epochMs: Date.UTC(2024, 0, 31, 10) }],
    [
      '2024-01-31T10:00:00+01:00',
      { kind: 'datetime', value: '2024-01-31T10:00:00+01:00', epochMs: Date.UTC(2024, 0, 31, 9) },
    ],
    [
      '2024-01-31T10:00:00.250-02:30',
      { kind: 'datetime', value: '2024-01-31T10:00:00.250-02:30', epochMs: Date.UTC(2024, 0, 31, 12, 30, 0, 250) },
    ],
    ['TODAY', { kind: 'relativeDate', name: 'TODAY' }],
    ['yesterday', { kind: 'relativeDate', name: 'YESTERDAY' }],
    ['LAST_N_DAYS:30', { kind: 'relativeDate', name: 'LAST_N_DAYS', amount: 30 }],
    ['THIS_YEAR', { kind: 'relativeDate', name: 'THIS_YEAR' }],
  ])('parses %s', (literal, expected) => {
    expect(valueOf(literal)).toEqual(expected);
  });

  it.each([
    ["'plain'", 'plain'],
    ["'O\\'Brien'", "O'Brien"],
    ["'back\\\\slash'", 'back\\slash'],
    ["'line\\nbreak\\ttab\\r'", 'line\nbreak\ttab\r'],
    ["'upper\\N\\T'", 'upper\n\t'],
    ["'quote\\\"d'", 'quote"d'],
    ["'\\u00e9t\\u00E9'", 'été'],
    ["''", ''],
  ])('decodes the string %s', (literal, expected) => {
    expect(valueOf(literal)).toEqual({ kind: 'string', value: expected });
  });

  it('records escaped LIKE wildcards by position', () => {
    expect(valueOf("'50\\% off_\\_x'")).toEqual({ kind: 'string', value: '50% off__x', literalWildcards: [2, 8] });
  });

  it('does not take a literal backslash before % as an escaped wildcard', () => {
    expect(valueOf("'a\\\\%'")).toEqual({ kind: 'string', value: 'a\\%' });
  });
});

describe('parseSoql: ORDER BY and LIMIT', () => {
  it('defaults to ASC NULLS FIRST and DESC NULLS LAST', () => {
    expect(parseSoql('SELECT Id FROM Account ORDER BY Name, Industry DESC').orderBy).toEqual([
      { field: 'Name', direction: 'ASC', nulls: 'FIRST' },
      { field: 'Industry', direction: 'DESC', nulls: 'LAST' },
    ]);
  });

  it('reads explicit directions and NULLS placement in any case', () => {
    const query = parseSoql(
      'SELECT Id FROM Contact order by Account.Name asc nulls last, LastName desc NULLS FIRST limit 0',
    );
    expect(query.orderBy).toEqual([
      { field: 'Account.Name', direction: 'ASC', nulls: 'LAST' },
      { field: 'LastName', direction: 'DESC', nulls: 'FIRST' },
    ]);
    expect(query.limit).toBe(0);
  });

  it('accepts WHERE, ORDER BY and LIMIT together', () => {
    const query = parseSoql('SELECT Name FROM Account WHERE Name != null ORDER BY Name LIMIT 10');
    expect(query.where).toMatchObject({ operator: '!=', value: { kind: 'null' } });
    expect(query.orderBy).toHaveLength(1);
    expect(query.limit).toBe(10);
  });
});
