// Eddy's Node.js runtime: loads the handler named by _HANDLER ("file.function", the file relative to
// LAMBDA_TASK_ROOT, CommonJS or ES module) and loops on the Lambda Runtime API, one invocation at a time.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import util from 'node:util';

const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const parentPid = process.ppid;

// a crashed Eddy leaves no runtime behind
setInterval(() => {
  if (process.ppid !== parentPid) process.exit(0);
}, 1000).unref();

function request(method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(body);
    const req = http.request(
      {
        host, port, method, agent,
        path: '/2018-06-01/runtime/' + urlPath,
        headers: data ? { ...headers, 'Content-Type': 'application/json', 'Content-Length': data.length } : headers,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
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
for (;;) {
  const next = await request('GET', 'invocation/next');
  if (next.status !== 200) {
    console.error(`Runtime API: unexpected status ${next.status} for next: ${next.body}`);
    process.exit(1);
  }
  const id = next.headers['lambda-runtime-aws-request-id'];
  currentRequestId = id;
  if (next.headers['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = next.headers['lambda-runtime-trace-id'];
  let event;
  try {
    event = next.body.length === 0 ? {} : JSON.parse(next.body.toString('utf8'));
  } catch (e) {
    await postError(`invocation/${id}/error`, e, 'Runtime.UnmarshalError');
    continue;
  }
  try {
    const result = await run(handler, event, context(next.headers));
    const body = JSON.stringify(result === undefined ? null : result);
    await request('POST', `invocation/${id}/response`, body);
  } catch (e) {
    console.error(`Invoke Error \t${JSON.stringify(errorObject(e))}`);
    await postError(`invocation/${id}/error`, e);
  }
}
