import type { SchemaInput } from './schema-types.js';

/**
 * The default org schema: Account and Contact with the fields that tests and examples use.
 * System fields (Id, IsDeleted, CreatedDate, LastModifiedDate, SystemModstamp) are added by
 * the registry to every object.
 */
export const DEFAULT_SCHEMA: SchemaInput = {
  Account: {
    keyPrefix: '001',
    fields: [
      { name: 'Name', type: 'string', label: 'Account Name', maxLength: 255, required: true, idLookup: true },
      { name: 'External_Key__c', type: 'string', label: 'External Key', maxLength: 80, externalId: true },
      { name: 'AccountNumber', type: 'string', label: 'Account Number', maxLength: 40 },
      { name: 'Industry', type: 'string', maxLength: 255 },
      { name: 'Type', type: 'string', label: 'Account Type', maxLength: 255 },
      { name: 'AnnualRevenue', type: 'double', label: 'Annual Revenue' },
      { name: 'NumberOfEmployees', type: 'int', label: 'Employees' },
      { name: 'Active__c', type: 'boolean', label: 'Active' },
      { name: 'Phone', type: 'string', label: 'Account Phone', maxLength: 40 },
      { name: 'Website', type: 'string', maxLength: 255 },
      { name: 'Description', type: 'textarea', label: 'Account Description', maxLength: 32000 },
      {
        name: 'ParentId',
        type: 'reference',
        label: 'Parent Account ID',
        referenceTo: 'Account',
        relationshipName: 'Parent',
      },
    ],
  },
  Contact: {
    keyPrefix: '003',
    fields: [
      { name: 'FirstName', type: 'string', label: 'First Name', maxLength: 40 },
      { name: 'LastName', type: 'string', label: 'Last Name', maxLength: 80, required: true },
      { name: 'Email', type: 'string', maxLength: 80, idLookup: true },
      { name: 'Phone', type: 'string', label: 'Business Phone', maxLength: 40 },
      { name: 'Title', type: 'string', maxLength: 128 },
      {
        name: 'AccountId',
        type: 'reference',
        label: 'Account ID',
        referenceTo: 'Account',
        relationshipName: 'Account',
      },
      { name: 'External_Id__c', type: 'string', label: 'External Id', maxLength: 80, externalId: true },
      { name: 'Birthdate', type: 'date' },
      { name: 'DoNotCall', type: 'boolean', label: 'Do Not Call' },
    ],
  },
};
