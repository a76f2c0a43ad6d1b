import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import parseRange from 'range-parser';
import { UPLOAD_CLOUD_PATH } from '../typings/domain';
import type { ApiErr } from '../typings/errors';
import { MEDIA_MAX_BYTES } from '../cloudfunctions/study/media';
/** The largest a client may upload, by extension: a lesson's video or audio, else 10 MB (a post's attachment). */
const uploadLimit = (cloudPath: string) =>
  cloudPath.endsWith('.mp4') ? MEDIA_MAX_BYTES.video : /\.(mp3|m4a)$/.test(cloudPath) ? MEDIA_MAX_BYTES.audio : 10 * 1024 * 1024;
import { devIdentity, OPENID_PATTERN } from './identity';
import type { ExtraFunctions } from './extra';
import type { Runtime } from './runtime';
import { localCloudID } from './openapi';
import { PERSONAS, UNBOUND_DEMO_GROUP } from './seed';
import { uploadFolder } from '../cloudfunctions/common/files';
import { storagePath, storageType, verifyStorageUrl } from './storage';

export interface GatewayOptions {
  runtime: Runtime;
  secret: Buffer;
  /** The h5 build to serve; absent in tests. */
  staticDir?: string;
  maxBodyBytes?: number;
  /** Other apps' CloudBase functions served beside Zhibu's (ZHIBU_EXTRA_FUNCTIONS). */
  extras?: ExtraFunctions;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

interface OpenApiCall {
  api: string;
  input?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A stand-in call as the dev page shows it: a mini-program code's `scene` is a live check-in code, so it is left out. */
function elideCheckinCodes(call: OpenApiCall): OpenApiCall {
  if (call.api !== 'wxacode.getUnlimited' || !call.input || String(call.input['scene'] ?? '').startsWith('i=')) return call;
  return { ...call, input: { ...call.input, scene: '（签到码，不显示）' } };
}

/** A path segment as written, %-escapes decoded; a malformed escape is a 400. */
function decodePath(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, { ok: false, code: 'INVALID_INPUT', message: '无效的地址' });
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErr,
  ) {
    super(body.message);
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Keep reading (and dropping) the rest so the client still gets the 413.
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpError(413, { ok: false, code: 'INVALID_INPUT', message: '请求内容过大' }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const text = (await readBody(req, limit)).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, { ok: false, code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON' });
  }
}

/**
 * The local stand-in for CloudBase's function invocation: `POST /api/functions/<name>` with the event
 * as the JSON body, the caller injected through the invocation context. Also serves the h5 build,
 * stored files and the dev sign-in endpoints.
 */
export function createGateway(options: GatewayOptions): Server {
  const { runtime } = options;
  const identity = devIdentity(options.secret);
  const limit = options.maxBodyBytes ?? 1024 * 1024;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;

    if (path.startsWith('/api/functions/')) {
      if (req.method !== 'POST') throw new HttpError(405, { ok: false, code: 'INVALID_INPUT', message: '只支持 POST' });
      const name = decodePath(path.slice('/api/functions/'.length));
      const event = await readJson(req, limit);
      const openid = identity.fromRequest(req);
      if (options.extras?.has(name)) {
        // Another app's function answers with whatever it returns, as `callFunction`'s `result`.
        const { status, body } = await options.extras.invoke(name, event, openid ? { openid } : null);
        send(res, status, body);
        return;
      }
      const result = await runtime.invoke(name, event, openid ? { openid } : null);
      send(res, result.ok || result.code !== 'UNKNOWN_FUNCTION' ? 200 : 404, result);
      return;
    }

    if (path.startsWith('/api/dev/')) {
      await devRoute(path.slice('/api/dev/'.length), req, res);
      return;
    }

    if (path === '/api/upload') {
      await upload(url, req, res);
      return;
    }

    if (path.startsWith('/storage/') && req.method === 'GET') {
      // Only a temp URL a function issued, before it expires: storage is not a public folder.
      const stored = decodePath(path.slice('/storage/'.length));
      if (!verifyStorageUrl(runtime.storageKey, stored, url.searchParams, runtime.platform.now())) {
        throw new HttpError(403, { ok: false, code: 'FORBIDDEN', message: '链接无效或已过期，请回到小程序重新打开' });
      }
      const file = storagePath(runtime.storageRoot, stored);
      if (file && existsSync(file) && statSync(file).isFile()) {
        const type = storageType(file);
        const size = statSync(file).size;
        const media = type.startsWith('audio/') || type.startsWith('video/');
        const headers = {
          'content-type': type,
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, no-store',
          // Anything but a picture or a lesson's audio or video is downloaded, never shown inline by the browser.
          ...(type.startsWith('image/') || media ? {} : { 'content-disposition': 'attachment' }),
          // Players ask for ranges (to seek and to resume where the member left off), as from CloudBase's storage.
          ...(media ? { 'accept-ranges': 'bytes' } : {}),
        };
        const range = media && req.headers.range ? parseRange(size, req.headers.range, { combine: true }) : undefined;
        if (range === -1) {
          res.writeHead(416, { 'content-range': `bytes */${size}` });
          res.end();
          return;
        }
        if (Array.isArray(range) && range.type === 'bytes' && range.length === 1) {
          const { start, end } = range[0]!;
          res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': end - start + 1 });
          createReadStream(file, { start, end }).pipe(res);
          return;
        }
        res.writeHead(200, { ...headers, 'content-length': size });
        createReadStream(file).pipe(res);
        return;
      }
      throw new HttpError(404, { ok: false, code: 'NOT_FOUND', message: '文件不存在' });
    }

    if (path.startsWith('/api/')) throw new HttpError(404, { ok: false, code: 'NOT_FOUND', message: `没有接口 ${path}` });
    serveStatic(path, res);
  }

  /**
   * The local stand-in for `wx.cloud.uploadFile`: the raw file as the body, `cloudPath` in the query.
   * Only signed-in callers, only under `uploads/`, at most `uploadLimit` bytes.
   */
  async function upload(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') throw new HttpError(405, { ok: false, code: 'INVALID_INPUT', message: '只支持 POST' });
    const openid = identity.fromRequest(req);
    if (!openid) throw new HttpError(401, { ok: false, code: 'UNAUTHENTICATED', message: '请先登录' });
    const cloudPath = url.searchParams.get('cloudPath') ?? '';
    if (!UPLOAD_CLOUD_PATH.test(cloudPath)) {
      throw new HttpError(400, { ok: false, code: 'INVALID_INPUT', message: '上传路径应为 uploads/<你的文件夹>/<文件名>' });
    }
    // Into one's own folder only (as CloudBase's storage rule lets a client write only files it owns).
    if (!cloudPath.startsWith(`${uploadFolder(runtime.platform.keys(), openid)}/`)) {
      throw new HttpError(403, { ok: false, code: 'FORBIDDEN', message: '只能上传到自己的文件夹' });
    }
    const body = await readBody(req, uploadLimit(cloudPath));
    if (body.length === 0) throw new HttpError(400, { ok: false, code: 'INVALID_INPUT', message: '文件是空的' });
    const { fileID } = await runtime.platform.storage().uploadFile({ cloudPath, fileContent: body });
    send(res, 200, { ok: true, data: { fileID } });
  }

  async function devRoute(name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (name === 'personas' && req.method === 'GET') {
      send(res, 200, { ok: true, data: PERSONAS });
      return;
    }
    if (name === 'whoami' && req.method === 'GET') {
      send(res, 200, { ok: true, data: { openid: identity.fromRequest(req) } });
      return;
    }
    if (name === 'signin' && req.method === 'POST') {
      const body = await readJson(req, limit);
      const openid = (body as { openid?: unknown } | null)?.openid;
      if (typeof openid !== 'string' || !OPENID_PATTERN.test(openid)) {
        throw new HttpError(400, { ok: false, code: 'INVALID_INPUT', message: 'openid 只能包含字母、数字、- 和 _，长度 3-64' });
      }
      const token = identity.tokenFor(openid);
      send(
        res,
        200,
        { ok: true, data: { openid, token } },
        {
          'set-cookie': `zhibu_dev=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000`,
        },
      );
      return;
    }
    if (name === 'signout' && req.method === 'POST') {
      send(res, 200, { ok: true, data: null }, { 'set-cookie': 'zhibu_dev=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0' });
      return;
    }
    if (name === 'groups' && req.method === 'GET') {
      // Group chats to "open the app from", each with the CloudID wx.getGroupEnterInfo would give.
      const { data } = await runtime.db.collection('group_bindings').limit(100).get();
      const bound = (data as { openGId: string; label: string }[]).map((g) => ({
        label: g.label,
        cloudID: localCloudID({ openGId: g.openGId }),
      }));
      send(res, 200, {
        ok: true,
        data: [...bound, { label: UNBOUND_DEMO_GROUP.label, cloudID: localCloudID({ openGId: UNBOUND_DEMO_GROUP.openGId }) }],
      });
      return;
    }
    if (name === 'openapi-calls' && req.method === 'GET') {
      // For a signed-in dev persona only, and never a live check-in code (a member at home must not read it here).
      if (!identity.fromRequest(req)) throw new HttpError(401, { ok: false, code: 'UNAUTHENTICATED', message: '请先登录' });
      const { data } = await runtime.db.collection('dev_openapi_calls').orderBy('at', 'desc').limit(50).get();
      send(res, 200, { ok: true, data: (data as OpenApiCall[]).map(elideCheckinCodes) });
      return;
    }
    throw new HttpError(404, { ok: false, code: 'NOT_FOUND', message: `没有开发接口 ${name}` });
  }

  function serveStatic(path: string, res: ServerResponse): void {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      throw new HttpError(400, { ok: false, code: 'INVALID_INPUT', message: '无效的地址' });
    }
    const root = options.staticDir;
    if (!root || !existsSync(join(root, 'index.html'))) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('h5 build not found: run `npm run build:h5` (npm start does this for you).\n');
      return;
    }
    const rel = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, rel);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) file = join(root, 'index.html');
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600';
    res.writeHead(200, { 'content-type': type, 'cache-control': cache });
    createReadStream(file).pipe(res);
  }

  return createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      // A malformed %-escape anywhere in the request is the client's mistake, not the server's.
      if (err instanceof URIError) err = new HttpError(400, { ok: false, code: 'INVALID_INPUT', message: '无效的地址' });
      if (err instanceof HttpError) {
        if (!res.headersSent) send(res, err.status, err.body);
        else res.end();
        return;
      }
      runtime.platform.log.error('gateway_failed', { url: req.url, error: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) send(res, 500, { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' });
      else res.end();
    });
  });
}
