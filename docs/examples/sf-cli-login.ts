// docs/authentication.md, "Salesforce CLI": type-checked, not run (it needs sf logged in to an org)
import { SalesforceClient, SfCliAuthenticator } from 'kinetic-core';

const auth = new SfCliAuthenticator({ targetOrg: 'my-sandbox' });
const client = new SalesforceClient({ auth });
client.bulk.queryRecords('SELECT Id FROM Account LIMIT 5').subscribe((row) => console.log(row.Id));
