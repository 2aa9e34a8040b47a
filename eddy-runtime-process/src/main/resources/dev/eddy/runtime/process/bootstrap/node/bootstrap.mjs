// Eddy's Node.js runtime: loads the handler named by _HANDLER ("file.function", the file relative to
// LAMBDA_TASK_ROOT, CommonJS or ES module) and loops on the Lambda Runtime API, one invocation at a time.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import util from 'node:util';

const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const parentPid = process.ppid;

// a crashed Eddy leaves no runtime behind
setInterval(() => {
  if (process.ppid !== parentPid) process.exit(0);
}, 1000).unref();

// One keep-alive connection to the Runtime API, spoken directly: each request goes out in one write
// and answers (always with Content-Length, from Eddy's own endpoint) are parsed here, which costs a
// fraction of node:http's work per request. Requests may be pipelined; answers come back in order.
const HEADER_END = Buffer.from('\r\n\r\n');
let socket = null;
let received = Buffer.alloc(0);
let head = null;
const waiting = [];

function connect() {
  socket = net.connect({ host, port: Number(port) });
  socket.setNoDelay(true);
  socket.on('data', (data) => {
    received = received.length === 0 ? data : Buffer.concat([received, data]);
    answer();
  });
  const failAll = (err) => {
    socket = null;
    received = Buffer.alloc(0);
    head = null;
    for (const w of waiting.splice(0)) w.reject(err);
  };
  socket.on('error', failAll);
  socket.on('close', () => failAll(new Error('Runtime API connection closed')));
}

function answer() {
  for (;;) {
    if (head === null) {
      const end = received.indexOf(HEADER_END);
      if (end < 0) return;
      const lines = received.toString('latin1', 0, end).split('\r\n');
      const headers = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      head = { status: Number(lines[0].split(' ')[1]), headers, length };
      received = received.subarray(end + HEADER_END.length);
    }
    if (received.length < head.length) return;
    const body = Buffer.from(received.subarray(0, head.length));
    received = received.subarray(head.length);
    const { status, headers } = head;
    head = null;
    waiting.shift()?.resolve({ status, headers, body });
  }
}

function request(method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    if (socket === null) connect();
    const data = body === undefined ? undefined : Buffer.from(body);
    let text = `${method} /2018-06-01/runtime/${urlPath} HTTP/1.1\r\nHost: ${host}:${port}\r\n`;
    for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
    if (data) text += `Content-Type: application/json\r\nContent-Length: ${data.length}\r\n`;
    const prologue = Buffer.from(text + '\r\n', 'latin1');
    waiting.push({ resolve, reject });
    socket.write(data ? Buffer.concat([prologue, data]) : prologue);
  });
}

let currentRequestId;
// console output in Lambda's format: time, request id, level, message
for (const [name, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'],
  ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  const stream = level === 'ERROR' || level === 'WARN' ? process.stderr : process.stdout;
  console[name] = (...args) => {
    const text = util.format(...args).replace(/\n/g, '\r');
    stream.write(`${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${text}\n`);
  };
}

function errorObject(err) {
  if (err instanceof Error) {
    return {
      errorType: err.name ?? 'Error',
      errorMessage: err.message ?? '',
      trace: String(err.stack ?? '').split('\n'),
    };
  }
  return { errorType: typeof err === 'string' ? 'string' : typeof err, errorMessage: String(err), trace: [] };
}

async function postError(urlPath, err, type) {
  const obj = errorObject(err);
  if (type) obj.errorType = type;
  await request('POST', urlPath, JSON.stringify(obj), { 'Lambda-Runtime-Function-Error-Type': obj.errorType });
}

async function failInit(err, type) {
  console.error(`${type ?? 'Error'}: ${err && err.message ? err.message : err}`);
  try {
    await postError('init/error', err, type);
  } finally {
    process.exit(1);
  }
}

async function loadHandler() {
  const handlerName = process.env._HANDLER ?? '';
  const taskRoot = process.env.LAMBDA_TASK_ROOT;
  const dot = handlerName.lastIndexOf('.');
  if (dot <= 0) {
    const e = new Error(`Bad handler ${handlerName}`);
    e.name = 'Runtime.MalformedHandlerName';
    return failInit(e, 'Runtime.MalformedHandlerName');
  }
  const modulePath = handlerName.slice(0, dot);
  const fnPath = handlerName.slice(dot + 1);
  const base = path.resolve(taskRoot, modulePath);
  const file = ['.js', '.mjs', '.cjs'].map((ext) => base + ext).find((f) => fs.existsSync(f));
  if (!file) {
    const e = new Error(`Error: Cannot find module '${modulePath}'\nRequire stack:\n- ${taskRoot}`);
    e.name = 'Runtime.ImportModuleError';
    return failInit(e, 'Runtime.ImportModuleError');
  }
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (e) {
    return failInit(e, e instanceof SyntaxError ? 'Runtime.UserCodeSyntaxError' : undefined);
  }
  let fn = mod;
  for (const part of fnPath.split('.')) fn = fn?.[part];
  if (typeof fn !== 'function' && mod.default) {
    fn = mod.default;
    for (const part of fnPath.split('.')) fn = fn?.[part];
  }
  if (typeof fn !== 'function') {
    const e = new Error(`${handlerName} is undefined or not exported`);
    e.name = 'Runtime.HandlerNotFound';
    return failInit(e, 'Runtime.HandlerNotFound');
  }
  return fn;
}

function context(headers) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  const env = process.env;
  const ctx = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  if (headers['lambda-runtime-client-context']) {
    ctx.clientContext = JSON.parse(headers['lambda-runtime-client-context']);
  }
  if (headers['lambda-runtime-cognito-identity']) {
    ctx.identity = JSON.parse(headers['lambda-runtime-cognito-identity']);
  }
  return ctx;
}

// runs the handler in either style: a returned promise, or the (error, result) callback
function run(handler, event, ctx) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (err, result) => {
      if (settled) return;
      settled = true;
      if (err !== undefined && err !== null) reject(err);
      else resolve(result);
    };
    ctx.done = callback;
    ctx.succeed = (result) => callback(null, result);
    ctx.fail = (err) => callback(err ?? 'handled');
    try {
      const out = handler(event, ctx, callback);
      if (out && typeof out.then === 'function') {
        out.then((r) => callback(null, r), (e) => callback(e ?? new Error('Promise rejected')));
      } else if (handler.length < 3) {
        callback(null, out);
      }
    } catch (e) {
      callback(e);
    }
  });
}

const handler = await loadHandler();
let pending = request('GET', 'invocation/next');
for (;;) {
  const next = await pending;
  if (next.status !== 200) {
    console.error(`Runtime API: unexpected status ${next.status} for next: ${next.body}`);
    process.exit(1);
  }
  const id = next.headers['lambda-runtime-aws-request-id'];
  currentRequestId = id;
  if (next.headers['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = next.headers['lambda-runtime-trace-id'];
  let event;
  let outcome;
  try {
    event = next.body.length === 0 ? {} : JSON.parse(next.body.toString('utf8'));
  } catch (e) {
    outcome = postError(`invocation/${id}/error`, e, 'Runtime.UnmarshalError');
  }
  if (outcome === undefined) {
    try {
      const result = await run(handler, event, context(next.headers));
      const body = JSON.stringify(result === undefined ? null : result);
      outcome = request('POST', `invocation/${id}/response`, body);
    } catch (e) {
      console.error(`Invoke Error \t${JSON.stringify(errorObject(e))}`);
      outcome = postError(`invocation/${id}/error`, e);
    }
  }
  // the next request rides behind the outcome on the same connection: Eddy reads it once the
  // outcome is in, so the environment is ready again without a round trip of its own
  pending = request('GET', 'invocation/next');
  await outcome;
}
