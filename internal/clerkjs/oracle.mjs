// oracle.mjs: Clerk's own JS SDK (@clerk/backend, pinned in package.json)
// answering go-clerk's differential test. One process per batch.
//
// stdin:  {"config": {...}, "cases": [{...}, ...]}   (see README.md)
// stdout: {"backend": "3.25.0", "shared": "4.41.0", "results": [{...}, ...]}
//
// Every answer comes from the SDK's own functions: verifyToken, the
// signed-in auth-object builder (signedInAuthObject) and authenticateRequest.
// Nothing here re-implements a check. The script never reaches the network:
// fetch is replaced, before the SDK is loaded, by a function that records the
// call and answers from config.api (canned Backend API replies) or fails.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The SDK writes warnings with console.*; stdout carries only the results.
for (const name of ['log', 'info', 'warn', 'debug']) {
  console[name] = (...args) => process.stderr.write(`[clerk-js ${name}] ${args.map(String).join(' ')}\n`);
}
process.env.CLERK_TELEMETRY_DISABLED = '1';

// The network calls of the case being run, and the canned replies.
let calls = [];
let cannedApi = {};

// @clerk/backend binds globalThis.fetch when it is loaded: replace it first.
globalThis.fetch = async (input, init = {}) => {
  const req = new Request(input, init);
  const url = new URL(req.url);
  // Canned replies are keyed without the API version path.
  const key = `${req.method} ${url.pathname.replace(/^\/v1(?=\/)/, '')}`;
  calls.push(`${key} (${url.host})`);
  let reply = cannedApi[key];
  if (reply?.byNonce) {
    // The handshake payload: one reply per nonce (a query parameter).
    reply = reply.byNonce[url.searchParams.get('nonce')] ?? reply.default;
  }
  if (reply?.byToken) {
    // One reply per token: the token is the body's access_token, token or
    // secret (the verify endpoints' names).
    const body = await req.clone().json().catch(() => ({}));
    const token = body.access_token ?? body.token ?? body.secret;
    reply = reply.byToken[token] ?? reply.default;
  }
  if (!reply) {
    throw new TypeError(`oracle: network disabled (${key})`);
  }
  return new Response(JSON.stringify(reply.body), {
    status: reply.status ?? 200,
    headers: { 'content-type': 'application/json' },
  });
};

const { verifyToken, createClerkClient } = await import('@clerk/backend');
const { signedInAuthObject, createRedirect } = await import('@clerk/backend/internal');
const require = createRequire(import.meta.url);
const versions = {
  backend: require('@clerk/backend/package.json').version,
  shared: require('@clerk/shared/package.json').version,
};

const input = JSON.parse(readFileSync(0, 'utf8'));
const config = input.config ?? {};
cannedApi = config.api ?? {};

// Options shared by verifyToken and authenticateRequest: both sides of the
// test are configured alike from these.
function tokenOptions(c) {
  const o = { jwtKey: config.jwtKey };
  if (c.authorizedParties) o.authorizedParties = c.authorizedParties;
  if (c.issuer) o.issuer = c.issuer;
  if (c.audience) o.audience = c.audience;
  return o;
}

function errorInfo(err) {
  return {
    reason: err?.reason ?? err?.code ?? 'exception',
    message: String(err?.message ?? err),
  };
}

// What the auth object says, in plain JSON.
function describeAuth(a) {
  if (!a) return null;
  const out = {
    isAuthenticated: a.isAuthenticated ?? null,
    tokenType: a.tokenType ?? null,
  };
  for (const k of [
    'userId', 'sessionId', 'sessionStatus', 'orgId', 'orgRole', 'orgSlug', 'orgPermissions',
    'factorVerificationAge', 'actor', 'subject', 'scopes', 'machineId', 'id', 'clientId', 'claims',
  ]) {
    if (k in a) out[k] = a[k] ?? null;
  }
  if (a.sessionClaims) {
    out.fea = a.sessionClaims.fea ?? null;
    out.pla = a.sessionClaims.pla ?? null;
  }
  return out;
}

// The answers of has() for each query, in the order given.
function hasAnswers(a, q = {}) {
  const ask = (kind, values) =>
    (values ?? []).map(v => {
      try {
        return a.has({ [kind]: v }) === true;
      } catch (err) {
        return `threw: ${err?.message ?? err}`;
      }
    });
  return {
    permission: ask('permission', q.permissions),
    role: ask('role', q.roles),
    feature: ask('feature', q.features),
    plan: ask('plan', q.plans),
  };
}

function buildRequest(c) {
  const r = c.request ?? {};
  const headers = new Headers(r.headers ?? {});
  const cookies = Object.entries(r.cookies ?? {}).map(([k, v]) => `${k}=${v}`);
  if (cookies.length) headers.set('cookie', cookies.join('; '));
  if (c.kind === 'verify') headers.set('authorization', `Bearer ${c.token}`);
  return new Request(r.url ?? 'https://app.oracle.example/api/resource', {
    method: r.method ?? 'GET',
    headers,
  });
}

// authenticateRequest, then toAuth() as a framework integration calls it
// (pending sessions are signed out by default).
async function viaRequest(c) {
  // A case may name its own instance (c.publishableKey, c.secretKey: a
  // development one, say).
  const clerk = createClerkClient({
    secretKey: c.secretKey ?? config.secretKey,
    publishableKey: c.publishableKey ?? config.publishableKey,
    jwtKey: config.jwtKey,
    telemetry: { disabled: true },
  });
  // c.options: further authenticateRequest options (isSatellite, domain,
  // signInUrl, proxyUrl, ...) for cases that need them.
  const opts = { ...tokenOptions(c), ...(c.options ?? {}) };
  if (c.acceptsToken !== undefined) opts.acceptsToken = c.acceptsToken;
  let state;
  try {
    state = await clerk.authenticateRequest(buildRequest(c), opts);
  } catch (err) {
    // authenticateRequest threw (a development instance's handshake token
    // that does not verify, a misconfiguration): the request fails.
    const verdict = { status: 'error', reason: 'threw', message: errorInfo(err).message, ok: false, headers: {}, setCookies: [] };
    return { verdict, auth: null, authObject: null };
  }
  const verdict = {
    status: state.status,
    reason: state.reason ?? null,
    message: state.message ?? null,
    tokenType: state.tokenType ?? null,
    // The response headers Clerk asks for: a handshake's Location and
    // Set-Cookie, its debug headers (x-clerk-auth-*).
    headers: Object.fromEntries(state.headers ?? []),
    // Set-Cookie, each apart (fromEntries keeps only the last).
    setCookies: state.headers?.getSetCookie?.() ?? [],
    ok: false,
  };
  if (state.status !== 'signed-in') {
    return { verdict, auth: null, authObject: null };
  }
  let authObject;
  try {
    authObject = state.toAuth();
  } catch (err) {
    verdict.reason = 'auth-object-threw';
    verdict.message = errorInfo(err).message;
    return { verdict, auth: null, authObject: null };
  }
  if (!authObject || authObject.isAuthenticated !== true) {
    const status = authObject?.sessionStatus;
    verdict.reason = status === 'pending' ? 'session-pending' : 'signed-out-auth-object';
    return { verdict, auth: describeAuth(authObject), authObject: null };
  }
  verdict.ok = true;
  return { verdict, auth: describeAuth(authObject), authObject };
}

async function runVerify(c) {
  const res = { id: c.id };
  // 1. verifyToken, Clerk's networkless check of a session JWT.
  let payload = null;
  try {
    payload = await verifyToken(c.token, tokenOptions(c));
    res.verifyToken = { ok: true };
  } catch (err) {
    res.verifyToken = { ok: false, ...errorInfo(err) };
  }
  // 2. The signed-in auth object built from the verified claims, by the
  // builder authenticateRequest uses.
  let built = null;
  if (payload) {
    try {
      built = signedInAuthObject({ secretKey: config.secretKey, jwtKey: config.jwtKey }, c.token, payload);
    } catch (err) {
      res.builder = { ok: false, ...errorInfo(err) };
    }
  }
  // 3. The same token as a bearer token through authenticateRequest: the
  // verdict a JS server gives (token-class checks, pending sessions). With
  // acceptsToken 'any', a machine JWT is verified as its own type, and the
  // session builder's object (built when verifyToken let an M2M JWT
  // through) is not what the server answers with.
  const r = await viaRequest(c);
  res.verdict = r.verdict;
  if (r.verdict.tokenType !== 'session_token') built = null;
  if (r.verdict.ok) {
    res.auth = describeAuth(built ?? r.authObject);
    res.has = hasAnswers(built ?? r.authObject, c.queries);
    if (built && JSON.stringify(describeAuth(built)) !== JSON.stringify(r.auth)) {
      res.oracleError = `builder and authenticateRequest disagree: ${JSON.stringify(describeAuth(built))} vs ${JSON.stringify(r.auth)}`;
    }
  } else if (r.auth) {
    res.auth = r.auth;
  }
  return res;
}

async function runRequest(c) {
  const res = { id: c.id };
  const r = await viaRequest(c);
  res.verdict = r.verdict;
  res.auth = r.auth;
  if (r.authObject && r.authObject.tokenType === 'session_token') {
    res.has = hasAnswers(r.authObject, c.queries);
  }
  if (c.signIn) {
    // Where a framework sends the signed-out page request to sign in
    // (createRedirect, as @clerk/nextjs's protect() calls it; devBrowserToken
    // as the request carries it).
    const s = c.signIn;
    const redirect = createRedirect({
      redirectAdapter: url => url,
      baseUrl: s.baseUrl,
      signInUrl: s.signInUrl,
      publishableKey: c.publishableKey ?? config.publishableKey,
      devBrowserToken: s.devBrowserToken,
      isSatellite: s.isSatellite,
      sessionStatus: s.sessionStatus,
    });
    try {
      res.signInRedirect = redirect.redirectToSignIn({ returnBackUrl: s.baseUrl });
    } catch (err) {
      res.signInRedirect = `threw: ${errorInfo(err).message}`;
    }
  }
  return res;
}

const results = [];
for (const c of input.cases ?? []) {
  calls = [];
  let res;
  try {
    if (c.kind === 'verify') {
      res = await runVerify(c);
    } else if (c.kind === 'request') {
      res = await runRequest(c);
    } else {
      res = { id: c.id, oracleError: `unknown case kind ${JSON.stringify(c.kind)}` };
    }
  } catch (err) {
    res = { id: c.id, oracleError: `oracle script threw: ${err?.stack ?? err}` };
  }
  res.network = calls;
  results.push(res);
}

process.stdout.write(JSON.stringify({ ...versions, results }));
