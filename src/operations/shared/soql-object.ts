/** The object after the first FROM of a SOQL text (what a query job's info names), or '' when none is found. */
export function soqlObject(soql: string): string {
  return /\bFROM\s+([A-Za-z][A-Za-z0-9_]*)/i.exec(soql)?.[1] ?? '';
}
