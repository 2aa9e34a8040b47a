# Eddy's Python runtime: imports the handler named by _HANDLER ("module.function", the module relative
# to LAMBDA_TASK_ROOT) and loops on the Lambda Runtime API, one invocation at a time.
import http.client
import importlib
import json
import os
import resource
import signal
import sys
import threading
import time
import traceback

HOST, PORT = os.environ["AWS_LAMBDA_RUNTIME_API"].split(":")
PARENT = os.getppid()


def watch_parent():
    # a crashed Eddy leaves no runtime behind
    while True:
        time.sleep(1)
        if os.getppid() != PARENT:
            os._exit(0)


threading.Thread(target=watch_parent, daemon=True).start()


def limit_memory():
    # Lambda kills an environment that uses more than MemorySize; on a shared machine the closest is
    # a limit on this process's address space (interpreter included, as Lambda counts the runtime)
    try:
        megabytes = int(os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "0"))
    except ValueError:
        return
    if megabytes > 0:
        limit = megabytes << 20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def out_of_memory():
    # die as Lambda's out-of-memory kill does: Eddy reads an unexpected SIGKILL as Runtime.OutOfMemory
    print("[ERROR] Runtime.OutOfMemory: the function used more than %s MB"
          % os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)


limit_memory()

connection = http.client.HTTPConnection(HOST, int(PORT))


def request(method, path, body=None, headers=None):
    global connection
    headers = dict(headers or {})
    if body is not None:
        headers["Content-Type"] = "application/json"
    for attempt in (0, 1):
        try:
            connection.request(method, "/2018-06-01/runtime/" + path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        except (http.client.HTTPException, ConnectionError):
            if attempt:
                raise
            connection.close()
            connection = http.client.HTTPConnection(HOST, int(PORT))


def error_object(exc, request_id=""):
    frames = traceback.format_list(traceback.extract_tb(exc.__traceback__)) if exc.__traceback__ else []
    return {
        "errorMessage": str(exc),
        "errorType": type(exc).__name__,
        "requestId": request_id,
        "stackTrace": frames,
    }


def post_error(path, obj):
    sys.stdout.flush()
    sys.stderr.flush()
    body = json.dumps(obj).encode("utf-8")
    request("POST", path, body, {"Lambda-Runtime-Function-Error-Type": obj["errorType"]})


def fail_init(obj):
    print("[ERROR] %s: %s" % (obj["errorType"], obj["errorMessage"]), file=sys.stderr)
    post_error("init/error", obj)
    sys.exit(1)


def load_handler():
    name = os.environ.get("_HANDLER", "")
    module_name, _, function_name = name.rpartition(".")
    if not module_name or not function_name:
        fail_init({"errorMessage": "Bad handler '%s': not enough values to unpack (expected 2, got 1)" % name,
                   "errorType": "Runtime.MalformedHandlerName", "requestId": "", "stackTrace": []})
    sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        fail_init({"errorMessage": "Unable to import module '%s': %s" % (module_name, e),
                   "errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []})
    except SyntaxError as e:
        fail_init({"errorMessage": "Syntax error in module '%s': %s" % (module_name, e),
                   "errorType": "Runtime.UserCodeSyntaxError", "requestId": "", "stackTrace": []})
    except Exception as e:
        fail_init(error_object(e))
    handler = getattr(module, function_name, None)
    if handler is None:
        fail_init({"errorMessage": "Handler '%s' missing on module '%s'" % (function_name, module_name),
                   "errorType": "Runtime.HandlerNotFound", "requestId": "", "stackTrace": []})
    return handler


class Context:
    def __init__(self, headers):
        env = os.environ
        self.aws_request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        self.invoked_function_arn = headers.get("Lambda-Runtime-Invoked-Function-Arn")
        self.function_name = env.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = env.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = env.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = env.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self._deadline = int(headers.get("Lambda-Runtime-Deadline-Ms", "0"))
        client_context = headers.get("Lambda-Runtime-Client-Context")
        self.client_context = json.loads(client_context) if client_context else None
        identity = headers.get("Lambda-Runtime-Cognito-Identity")
        self.identity = json.loads(identity) if identity else None

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline - int(time.time() * 1000))


def main():
    handler = load_handler()
    while True:
        status, headers, body = request("GET", "invocation/next")
        if status != 200:
            print("Runtime API: unexpected status %d for next: %r" % (status, body), file=sys.stderr)
            sys.exit(1)
        request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        trace = headers.get("Lambda-Runtime-Trace-Id")
        if trace:
            os.environ["_X_AMZN_TRACE_ID"] = trace
        try:
            event = json.loads(body) if body else {}
        except ValueError as e:
            post_error("invocation/%s/error" % request_id,
                       {"errorMessage": "Unable to unmarshal input: %s" % e, "errorType": "Runtime.UnmarshalError",
                        "requestId": request_id, "stackTrace": []})
            continue
        try:
            result = handler(event, Context(headers))
            payload = json.dumps(result).encode("utf-8")
        except MemoryError:
            out_of_memory()
        except Exception as e:
            obj = error_object(e, request_id)
            print("[ERROR] %s: %s" % (obj["errorType"], obj["errorMessage"]), file=sys.stderr)
            post_error("invocation/%s/error" % request_id, obj)
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        request("POST", "invocation/%s/response" % request_id, payload)


main()
