/**
 * A local stand-in for the 网上办事大厅 (the service hall's single sign-on): a real OpenID provider
 * (oidc-provider) with one client, this app. Its login page accepts any login name without a password and turns
 * it into the hall's claims, so a newcomer and the browser tests can try 通过网上办事大厅登录:
 *   - an 18-character ID number (e.g. 张三's 110105198803151232) → a person with claim `id_number`;
 *   - a 统一社会信用代码 (e.g. 91110105101100019W) → an enterprise with claim `uscc`;
 *   - "name:CODE" → the same claims for CODE under another hall subject ("name:CODE"), to try a second
 *     hall account that claims an already linked person or enterprise.
 * Never for production: it signs anyone in.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import Provider from "oidc-provider";

type StandInGrant = { addOIDCScope(s: string): void; addOIDCClaims(c: string[]): void; save(): Promise<string> };
type StandInContext = {
  oidc: {
    session?: { accountId?: string };
    client?: { clientId: string };
    provider: { Grant: new (o: { clientId: string; accountId: string }) => StandInGrant };
  };
};

export type HallStandIn = { issuer: string; clientId: string; clientSecret: string; close: () => Promise<void> };

const CLIENT_ID = "kaowu-local";
const CLIENT_SECRET = "kaowu-local-secret-not-for-production";

function claimsFor(login: string): Record<string, string> {
  const code = (login.includes(":") ? login.slice(login.indexOf(":") + 1) : login).trim().toUpperCase();
  if (/^\d{17}[\dX]$/.test(code)) return { id_number: code };
  if (/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return { uscc: code };
  return {};
}

/** Starts the stand-in on `port` (0: any free port) for an app at `appUrl`. */
export async function startHallStandIn(appUrl: string, port = 0): Promise<HallStandIn> {
  const { createServer } = await import("node:http");
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${appUrl.replace(/\/+$/, "")}/api/auth/callback/hall`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    // The hall hands the app its claims in the ID token (Auth.js reads the profile from there).
    conformIdTokenClaims: false,
    claims: { openid: ["sub"], profile: ["name", "id_number", "uscc"] },
    scopes: ["openid", "profile", "email"],
    pkce: { required: () => false },
    features: { devInteractions: { enabled: true } },
    // No consent screen: the app is the hall's own client.
    loadExistingGrant: async (ctx: StandInContext) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope("openid profile email");
      grant.addOIDCClaims(["name", "id_number", "uscc"]);
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, name: sub, ...claimsFor(sub) }),
    }),
  });
  provider.proxy = false;
  server.on("request", provider.callback());
  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
