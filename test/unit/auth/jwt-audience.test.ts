import { firstValueFrom } from 'rxjs';
import { jwtAudience } from '../../../src/auth/jwt-assertion.js';
import { JwtAuthenticator } from '../../../src/auth/jwt-bearer.js';
import { assertionOf, decodeJwt, fakeTransport, generateTestKeys, jsonResponse, tokenBody } from './fake-transport.js';

describe('jwtAudience', () => {
  it.each([
    ['production login host', 'https://login.salesforce.com', 'https://login.salesforce.com'],
    ['production My Domain', 'https://acme.my.salesforce.com', 'https://login.salesforce.com'],
    ['sandbox login host', 'https://test.salesforce.com', 'https://test.salesforce.com'],
    ['My Domain sandbox', 'https://acme--uat.sandbox.my.salesforce.com', 'https://test.salesforce.com'],
    ['My Domain sandbox, upper case', 'https://ACME--UAT.SANDBOX.MY.SALESFORCE.COM', 'https://test.salesforce.com'],
    ['legacy sandbox instance', 'https://acme--uat.cs42.my.salesforce.com', 'https://test.salesforce.com'],
    ['loopback emulator', 'http://127.0.0.1:8123', 'http://127.0.0.1:8123'],
    ['localhost emulator', 'http://localhost:8123/', 'http://localhost:8123'],
  ])('%s', (_label, loginUrl, expected) => {
    expect(jwtAudience(loginUrl)).toBe(expected);
  });

  it('does not take a look-alike host for a sandbox', () => {
    expect(jwtAudience('https://test.salesforce.com.evil.example')).toBe('https://login.salesforce.com');
    expect(jwtAudience('https://sandbox.example.com')).toBe('https://login.salesforce.com');
  });

  it('lets an explicit audience win', () => {
    expect(jwtAudience('https://acme--uat.sandbox.my.salesforce.com', 'https://acme.my.site.com/portal')).toBe(
      'https://acme.my.site.com/portal',
    );
    expect(jwtAudience('http://127.0.0.1:8123', 'https://login.salesforce.com')).toBe('https://login.salesforce.com');
  });

  it('puts the sandbox audience into the assertion while posting to the My Domain', async () => {
    const keys = generateTestKeys();
    const transport = fakeTransport(jsonResponse(200, tokenBody()));
    const auth = new JwtAuthenticator({
      loginUrl: 'https://acme--uat.sandbox.my.salesforce.com/',
      clientId: 'cid',
      username: 'ci@acme.com.uat',
      privateKey: keys.pkcs8Pem,
      transport,
    });
    expect(auth.audience).toBe('https://test.salesforce.com');
    await firstValueFrom(auth.session());
    expect(transport.requests[0]?.url).toBe('https://acme--uat.sandbox.my.salesforce.com/services/oauth2/token');
    expect(decodeJwt(assertionOf(transport.requests[0])).payload.aud).toBe('https://test.salesforce.com');
  });
});
