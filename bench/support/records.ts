/** Deterministic Account rows of 8 fields with the text that breaks naive CSV: commas, quotes, newlines, unicode. */
export function benchRecord(i: number): Record<string, string | number> {
  return {
    Name: `Account ${i}, "Ltd"`,
    Description: `Line one of ${i}\nline two — ünïcödé ✓, with "quotes"`,
    Industry: i % 2 === 0 ? 'Technology' : 'Finance, Banking',
    Type: 'Customer – Direct',
    Phone: `+1 (555) ${String(i % 10000).padStart(4, '0')}`,
    Website: `https://example.com/${i}?a=1,b=2`,
    AnnualRevenue: (i % 1000) * 1000 + 0.5,
    NumberOfEmployees: i % 5000,
  };
}

export function* benchRecords(count: number): Generator<Record<string, string | number>> {
  for (let i = 0; i < count; i++) yield benchRecord(i);
}

export async function* benchRecordsAsync(count: number): AsyncGenerator<Record<string, string | number>> {
  const batch = 10_000;
  for (let i = 0; i < count; i += batch) {
    const end = Math.min(count, i + batch);
    for (let j = i; j < end; j++) yield benchRecord(j);
    // a real source (a file, a cursor) yields to the event loop between reads
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
