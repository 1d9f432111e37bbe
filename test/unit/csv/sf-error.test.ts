import { parseJobErrorMessage, parseSfError } from '../../../src/csv/sf-error.js';

describe('parseSfError', () => {
  it.each([
    [
      'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --',
      { statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] },
    ],
    [
      'INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--',
      { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] },
    ],
    [
      'MALFORMED_ID:malformed id 001000000000000AAA:--',
      { statusCode: 'MALFORMED_ID', message: 'malformed id 001000000000000AAA', fields: [] },
    ],
    [
      'DUPLICATE_VALUE:duplicate value found: Data_Warehouse_ID__c duplicates value on record with id: 500Ox000008nUimIAE:--',
      {
        statusCode: 'DUPLICATE_VALUE',
        message: 'duplicate value found: Data_Warehouse_ID__c duplicates value on record with id: 500Ox000008nUimIAE',
        fields: [],
      },
    ],
    [
      'UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record or 200 records: 001xxx,001yyy,...:--',
      {
        statusCode: 'UNABLE_TO_LOCK_ROW',
        message: 'unable to obtain exclusive access to this record or 200 records: 001xxx,001yyy,...',
        fields: [],
      },
    ],
    [
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Perfil API: valor incorreto para campo de lista de opções restrita: MODERADOL:braseg_perfil_api__pc --',
      {
        statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: 'Perfil API: valor incorreto para campo de lista de opções restrita: MODERADOL',
        fields: ['braseg_perfil_api__pc'],
      },
    ],
    [
      'FIELD_CUSTOM_VALIDATION_EXCEPTION:Close date and amount are required:CloseDate, Amount --',
      {
        statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message: 'Close date and amount are required',
        fields: ['CloseDate', 'Amount'],
      },
    ],
    [
      'STRING_TOO_LONG:Name: data value too large:Name --\n',
      { statusCode: 'STRING_TOO_LONG', message: 'Name: data value too large', fields: ['Name'] },
    ],
  ])('parses %s', (text, expected) => {
    expect(parseSfError(text)).toEqual(expected);
  });

  it.each([
    '',
    'something went wrong',
    'NO_TERMINATOR:message:Name',
    ':message:--',
    'CODE only --',
    'bad code:msg:--',
    'Code only',
    'UNABLE TO LOCK',
  ])('gives UNKNOWN with the raw text for %p', (text) => {
    expect(parseSfError(text)).toEqual({ statusCode: 'UNKNOWN', message: text, fields: [] });
  });

  it.each(['UNABLE_TO_LOCK_ROW', 'UNABLE_TO_LOCK_ROW --', 'UNABLE_TO_LOCK_ROW:--', ' UNABLE_TO_LOCK_ROW\n', 'CODE:--'])(
    'reads a bare status code %p as that code (it was UNKNOWN, so lock errors were not retried)',
    (text) => {
      const code = text.trim().replace(/[:\s-]+$/, '');
      expect(parseSfError(text)).toEqual({ statusCode: code, message: '', fields: [] });
    },
  );
});

describe('parseJobErrorMessage', () => {
  it.each([
    [
      'InvalidBatch : Field name not found : ContactId__c',
      { statusCode: 'InvalidBatch', message: 'Field name not found : ContactId__c', fields: [] },
    ],
    [
      'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF',
      {
        statusCode: 'ClientInputError',
        message: 'LineEnding is invalid on user data. Current LineEnding setting is LF',
        fields: [],
      },
    ],
    [
      'InvalidBatch : Failed to parse CSV. Found unescaped quote. A value with a quote should be within a quote',
      {
        statusCode: 'InvalidBatch',
        message: 'Failed to parse CSV. Found unescaped quote. A value with a quote should be within a quote',
        fields: [],
      },
    ],
  ])('parses %s', (text, expected) => {
    expect(parseJobErrorMessage(text)).toEqual(expected);
  });

  it.each(['', 'Job failed for an unknown reason', '   '])('gives UNKNOWN with the raw text for %p', (text) => {
    expect(parseJobErrorMessage(text)).toEqual({ statusCode: 'UNKNOWN', message: text, fields: [] });
  });
});
