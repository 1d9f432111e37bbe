import { ValidationError } from '../../../src/errors/validation-error.js';
import { flattenRecord } from '../../../src/csv/flatten-record.js';
import { recordsToCsv } from '../../../src/csv/records-to-csv.js';

describe('flattenRecord', () => {
  it('turns a nested relationship object into dotted columns', () => {
    expect(flattenRecord({ Name: 'x', Account: { External_Key__c: 'A1' } })).toEqual({
      Name: 'x',
      'Account.External_Key__c': 'A1',
    });
    expect(flattenRecord({ Mother_Of_Child__r: { External_ID__c: 'M', Other__c: null } })).toEqual({
      'Mother_Of_Child__r.External_ID__c': 'M',
      'Mother_Of_Child__r.Other__c': null,
    });
  });

  it('returns a flat record untouched and never mutates the input', () => {
    const flat = { Name: 'x', When: new Date(0), 'Lead:Who.Email': 'a@b.c' };
    expect(flattenRecord(flat)).toBe(flat);
    const nested = { Account: { External_Key__c: 'A1' } };
    flattenRecord(nested);
    expect(nested).toEqual({ Account: { External_Key__c: 'A1' } });
  });

  it('passes polymorphic keys through as written', () => {
    expect(flattenRecord({ 'Lead:Who': { Email: 'a@b.c' } })).toEqual({ 'Lead:Who.Email': 'a@b.c' });
  });

  it('rejects nesting deeper than one level, naming the column', () => {
    expect(() => flattenRecord({ Account: { Owner: { Email: 'x' } } }, 3)).toThrow(ValidationError);
    try {
      flattenRecord({ Account: { Owner: { Email: 'x' } } }, 3);
    } catch (error) {
      expect(error).toMatchObject({ field: 'Account.Owner', index: 3 });
    }
  });

  it('rejects a dotted key that collides with a flattened one', () => {
    expect(() => flattenRecord({ 'Account.X': 'a', Account: { X: 'b' } })).toThrow(/appears twice/);
  });

  it('is what the CSV writer does', () => {
    expect(recordsToCsv([{ Name: 'x', Account: { External_Key__c: 'A1' } }])).toBe(
      'Name,Account.External_Key__c\nx,A1\n',
    );
    expect(() => recordsToCsv([{ 'Account.X': 'a', Account: { X: 'b' } }])).toThrow(/appears twice/);
    expect(() => recordsToCsv([{ Account: { Owner: { Email: 'x' } } }])).toThrow(ValidationError);
  });
});
