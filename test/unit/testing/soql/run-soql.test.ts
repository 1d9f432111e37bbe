import { parseSoql, runSoql, type SoqlRow } from '../../../../src/testing/soql/index.js';
import { resolvePath } from './soql-fixtures.js';

const NOW = new Date('2024-05-15T10:30:00.000Z');

const ACCOUNTS: readonly SoqlRow[] = [
  {
    Id: 'a1',
    Name: 'Acme',
    Industry: 'Tech',
    AnnualRevenue: 500,
    IsActive__c: true,
    Founded__c: '2024-05-15',
    CreatedDate: '2024-05-15T09:00:00.000Z',
  },
  {
    Id: 'a2',
    Name: 'Globex',
    Industry: null,
    AnnualRevenue: 1500.5,
    IsActive__c: false,
    Founded__c: '1990-01-01',
    CreatedDate: '2024-05-14T23:59:59.999Z',
  },
  {
    Id: 'a3',
    Name: 'acme labs',
    Industry: 'Retail',
    AnnualRevenue: null,
    IsActive__c: true,
    Founded__c: null,
    CreatedDate: '2023-12-31T23:00:00.000Z',
  },
  {
    Id: 'a4',
    Name: '50% Off_Shop',
    Industry: '',
    AnnualRevenue: -20,
    IsActive__c: false,
    Founded__c: '2024-05-10',
    CreatedDate: null,
  },
  {
    Id: 'a5',
    Name: "O'Brien\\Sons",
    Industry: 'tech',
    AnnualRevenue: 0,
    IsActive__c: true,
    Founded__c: '2024-05-16',
    CreatedDate: '2024-05-16T00:00:00.000Z',
  },
];

function ids(soql: string, rows: readonly SoqlRow[] = ACCOUNTS): unknown[] {
  const query = parseSoql(soql.includes('SELECT') ? soql : `SELECT Id FROM Account WHERE ${soql}`);
  return runSoql(query, rows, resolvePath, { now: NOW }).map((r) => r.Id);
}

describe('runSoql: filters', () => {
  it.each([
    ["Name = 'ACME'", ['a1']],
    ["Name != 'acme'", ['a2', 'a3', 'a4', 'a5']],
    ['AnnualRevenue > 0', ['a1', 'a2']],
    ['AnnualRevenue >= 0', ['a1', 'a2', 'a5']],
    ['AnnualRevenue < 500', ['a4', 'a5']],
    ['AnnualRevenue <= 500', ['a1', 'a4', 'a5']],
    ['AnnualRevenue = 1500.5', ['a2']],
    ['IsActive__c = TRUE', ['a1', 'a3', 'a5']],
    ['IsActive__c != true', ['a2', 'a4']],
    ["Name = 'O\\'Brien\\\\Sons'", ['a5']],
    ["Name > 'b'", ['a2', 'a5']],
  ])('%s', (where, expected) => {
    expect(ids(where)).toEqual(expected);
  });

  it('combines AND, OR, NOT and parentheses', () => {
    expect(ids("IsActive__c = true AND (Industry = 'tech' OR AnnualRevenue = null)")).toEqual(['a1', 'a3', 'a5']);
    expect(ids("NOT (Industry = 'tech' OR Industry = null)")).toEqual(['a3']);
    expect(ids("NOT Name LIKE 'acme%' AND AnnualRevenue < 1000")).toEqual(['a4', 'a5']);
  });
});

describe('runSoql: null semantics (empty strings count as null)', () => {
  it('tests for null with = null and != null', () => {
    expect(ids('Industry = null')).toEqual(['a2', 'a4']);
    expect(ids('Industry != null')).toEqual(['a1', 'a3', 'a5']);
    expect(ids("Industry = ''")).toEqual(['a2', 'a4']);
  });

  it('never matches null with ordering operators or LIKE', () => {
    expect(ids('AnnualRevenue < 100000')).not.toContain('a3');
    expect(ids('AnnualRevenue > -100000')).not.toContain('a3');
    expect(ids("Industry LIKE '%'")).toEqual(['a1', 'a3', 'a5']);
    expect(ids('AnnualRevenue < null')).toEqual([]);
  });

  it('lets a null value satisfy != and NOT IN against non-null literals, as SOQL does', () => {
    expect(ids("Industry != 'Tech'")).toEqual(['a2', 'a3', 'a4']);
    expect(ids("Industry NOT IN ('Tech')")).toEqual(['a2', 'a3', 'a4']);
    expect(ids("Industry NOT IN ('Tech', null)")).toEqual(['a3']);
  });
});

describe('runSoql: LIKE and IN', () => {
  it.each([
    ["Name LIKE 'acme%'", ['a1', 'a3']],
    ["Name LIKE 'ACM_'", ['a1']],
    ["Name LIKE '%LAB%'", ['a3']],
    ["Name LIKE '50\\%%'", ['a4']],
    ["Name LIKE '5_\\% Off\\_Shop'", ['a4']],
    ["Name LIKE '%\\_%'", ['a4']],
    ["Name LIKE '%.%'", []],
    ["Name LIKE '%\\\\%'", ['a5']],
  ])('%s', (where, expected) => {
    expect(ids(where)).toEqual(expected);
  });

  it('matches IN case-insensitively and with numbers and null', () => {
    expect(ids("Industry IN ('TECH', 'retail')")).toEqual(['a1', 'a3', 'a5']);
    expect(ids('AnnualRevenue IN (0, -20, null)')).toEqual(['a3', 'a4', 'a5']);
    expect(ids('AnnualRevenue NOT IN (0, -20)')).toEqual(['a1', 'a2', 'a3']);
  });
});

describe('runSoql: dates and date-times', () => {
  it.each([
    ['Founded__c = 2024-05-15', ['a1']],
    ['Founded__c > 2024-05-10', ['a1', 'a5']],
    ['Founded__c <= 2024-05-10', ['a2', 'a4']],
    ['CreatedDate >= 2024-05-15T00:00:00Z', ['a1', 'a5']],
    ['CreatedDate < 2024-05-15T10:00:00+02:00', ['a2', 'a3']],
    ['CreatedDate = 2024-05-15T09:00:00.000Z', ['a1']],
    ['Founded__c = TODAY', ['a1']],
    ['CreatedDate = TODAY', ['a1']],
    ['CreatedDate = YESTERDAY', ['a2']],
    ['CreatedDate > TODAY', ['a5']],
    ['Founded__c < TODAY', ['a2', 'a4']],
    ['Founded__c = LAST_N_DAYS:5', ['a1', 'a4']],
    ['CreatedDate = THIS_YEAR', ['a1', 'a2', 'a5']],
    ['CreatedDate = LAST_YEAR', ['a3']],
    ['CreatedDate != LAST_YEAR', ['a1', 'a2', 'a4', 'a5']],
  ])('%s', (where, expected) => {
    expect(ids(where)).toEqual(expected);
  });

  it('uses the current time when no `now` is given', () => {
    const today = new Date().toISOString().slice(0, 10);
    const rows = [
      { Id: 'x', D: today },
      { Id: 'y', D: '2000-01-01' },
    ];
    const result = runSoql(parseSoql('SELECT Id FROM T WHERE D = TODAY'), rows, resolvePath);
    expect(result).toEqual([{ Id: 'x' }]);
  });
});

describe('runSoql: ORDER BY, LIMIT and projection', () => {
  it('sorts ascending with nulls first by default and descending with nulls last', () => {
    expect(ids('SELECT Id FROM Account ORDER BY AnnualRevenue')).toEqual(['a3', 'a4', 'a5', 'a1', 'a2']);
    expect(ids('SELECT Id FROM Account ORDER BY AnnualRevenue DESC')).toEqual(['a2', 'a1', 'a5', 'a4', 'a3']);
  });

  it('honours explicit NULLS FIRST / LAST', () => {
    expect(ids('SELECT Id FROM Account ORDER BY AnnualRevenue ASC NULLS LAST')).toEqual(['a4', 'a5', 'a1', 'a2', 'a3']);
    expect(ids('SELECT Id FROM Account ORDER BY AnnualRevenue DESC NULLS FIRST')).toEqual([
      'a3',
      'a2',
      'a1',
      'a5',
      'a4',
    ]);
  });

  it('sorts text case-insensitively, date-times by instant, and breaks ties with the next key', () => {
    expect(ids('SELECT Id FROM Account ORDER BY Name')).toEqual(['a4', 'a1', 'a3', 'a2', 'a5']);
    expect(ids('SELECT Id FROM Account ORDER BY CreatedDate DESC NULLS LAST')).toEqual(['a5', 'a1', 'a2', 'a3', 'a4']);
    expect(ids('SELECT Id FROM Account ORDER BY IsActive__c DESC, Industry NULLS LAST, Name DESC')).toEqual([
      'a3',
      'a5',
      'a1',
      'a2',
      'a4',
    ]);
  });

  it('keeps storage order for ties (stable sort)', () => {
    expect(ids('SELECT Id FROM Account ORDER BY IsActive__c')).toEqual(['a2', 'a4', 'a1', 'a3', 'a5']);
  });

  it('applies LIMIT after filtering and sorting', () => {
    expect(ids('SELECT Id FROM Account WHERE AnnualRevenue != null ORDER BY AnnualRevenue DESC LIMIT 2')).toEqual([
      'a2',
      'a1',
    ]);
    expect(ids('SELECT Id FROM Account WHERE IsActive__c = true LIMIT 2')).toEqual(['a1', 'a3']);
    expect(ids('SELECT Id FROM Account LIMIT 0')).toEqual([]);
  });

  it('stops reading rows once an unsorted LIMIT is reached', () => {
    let read = 0;
    function* rows(): Generator<SoqlRow> {
      for (let i = 0; ; i += 1) {
        read += 1;
        yield { Id: `r${i}` };
      }
    }
    expect(runSoql(parseSoql('SELECT Id FROM T LIMIT 3'), rows(), resolvePath)).toHaveLength(3);
    expect(read).toBe(3);
  });

  it('projects rows to the select list as written, following parent paths', () => {
    const contacts: SoqlRow[] = [
      { Id: 'c1', LastName: 'Doe', Secret: 'x', Account: { Name: 'Acme' } },
      { Id: 'c2', LastName: 'Roe', Account: null },
    ];
    const query = parseSoql('SELECT lastname, Account.Name, MissingField FROM Contact ORDER BY account.name DESC');
    expect(runSoql(query, contacts, resolvePath)).toEqual([
      { lastname: 'Doe', 'Account.Name': 'Acme', MissingField: null },
      { lastname: 'Roe', 'Account.Name': null, MissingField: null },
    ]);
  });

  it('reads numbers and booleans stored as CSV text', () => {
    const rows = [
      { Id: 'x', N: '12.5', B: 'TRUE' },
      { Id: 'y', N: 'abc', B: 'no' },
    ];
    expect(ids('SELECT Id FROM T WHERE N > 10', rows)).toEqual(['x']);
    expect(ids('SELECT Id FROM T WHERE N != 10', rows)).toEqual(['x', 'y']);
    expect(ids('SELECT Id FROM T WHERE B = true', rows)).toEqual(['x']);
  });
});
