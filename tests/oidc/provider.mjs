// A real OpenID Connect provider for the login tests: node's oidc-provider (discovery, JWKS, PKCE, signed ID
// tokens), with the accounts of accounts.json. Usage: node provider.mjs PORT REDIRECT_URI[,REDIRECT_URI…]
// Prints "ready <issuer>" when it listens on 127.0.0.1. Log in on its form with an account's name and any password.
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const [port, redirects] = process.argv.slice(2);
const accounts = JSON.parse(readFileSync(new URL('./accounts.json', import.meta.url)));
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'po-dashboard',
    client_secret: 'po-dashboard-test-secret',
    redirect_uris: redirects.split(','),
    post_logout_redirect_uris: redirects.split(','),   // Streamlit's st.logout returns through its callback
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  conformIdTokenClaims: false,          // the claims go into the ID token, which Streamlit copies into st.user
  cookies: { keys: ['po-dashboard-test-cookie-key'] },
  async findAccount(ctx, id) {
    if (!Object.hasOwn(accounts, id) || id === '_') return undefined;
    return { accountId: id, async claims() { return { sub: id, ...accounts[id] }; } };   // sub = the login name
  },
  async loadExistingGrant(ctx) {        // a first-party client: no consent screen
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});
provider.listen(Number(port), '127.0.0.1', () => console.log(`ready ${issuer}`));
