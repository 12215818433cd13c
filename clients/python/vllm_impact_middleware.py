#!/usr/bin/python3
"""An ASGI middleware that reports every completion served by vLLM's OpenAI-compatible server.

    IMPACT_BOOTSTRAP=kafka:9092 IMPACT_REGISTRY_URL=http://registry:8081 IMPACT_NODE=$(hostname) \\
    PYTHONPATH=clients/python \\
    vllm serve Qwen/Qwen2.5-0.5B-Instruct --middleware vllm_impact_middleware.ImpactMiddleware

vLLM adds each ``--middleware`` class with ``app.add_middleware(cls)``, so the class takes its
settings from the environment: IMPACT_BOOTSTRAP, IMPACT_REGISTRY_URL, IMPACT_NODE (default: the
host name), IMPACT_REQUESTS_TOPIC, IMPACT_DEPLOYMENT, IMPACT_ZONE. GPU UUIDs come from
CUDA_VISIBLE_DEVICES or NVML (impact_emitter.gpu_uuids_from_environment).

For each POST to /v1/completions or /v1/chat/completions the middleware notes when the request
arrived, when the first body chunk left (time to first token, for streamed answers), and when the
answer ended; it reads the OpenAI ``usage`` block from the JSON answer (streamed answers carry it
in their last event when the client asks for ``stream_options: {"include_usage": true}``) and
sends one InferenceRequest (status ERROR when the answer's HTTP status is 400 or more). Answers
without usage (errors before generation, streams without usage) are skipped and counted in
``skipped``; a failure to report is written to stderr and never reaches the client. Nothing here
imports vLLM: any ASGI app can be wrapped.
"""
import json
import os
import socket
import time

from impact_emitter import ImpactEmitter, gpu_uuids_from_environment

PATHS = ("/v1/completions", "/v1/chat/completions")
MAX_BODY = 8 * 1024 * 1024


def emitter_from_environment(environ=None):
    environ = os.environ if environ is None else environ
    return ImpactEmitter(
        environ["IMPACT_BOOTSTRAP"], environ["IMPACT_REGISTRY_URL"],
        topics={"finished": environ.get("IMPACT_REQUESTS_TOPIC", "inference.requests.v1")},
        node=environ.get("IMPACT_NODE") or socket.gethostname(),
        gpu_uuids=gpu_uuids_from_environment(environ),
        deployment=environ.get("IMPACT_DEPLOYMENT"),
        zone=environ.get("IMPACT_ZONE"))


def usage_of(body):
    """(id, model, usage) from a JSON answer or the last data event of a server-sent stream."""
    text = body.decode("utf-8", errors="replace").strip()
    if text.startswith("{"):
        candidates = [text]
    else:
        candidates = [line[len("data:"):].strip() for line in text.splitlines()
                      if line.startswith("data:") and line[len("data:"):].strip() != "[DONE]"]
    for candidate in reversed(candidates):
        try:
            answer = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(answer, dict) and answer.get("usage"):
            return answer.get("id"), answer.get("model"), answer["usage"]
    return None, None, None


class ImpactMiddleware(object):
    def __init__(self, app, emitter=None, clock=time.time):
        self.app = app
        self.emitter = emitter if emitter is not None else emitter_from_environment()
        self.clock = clock
        self.skipped = 0

    async def __call__(self, scope, receive, send):
        if scope.get("type") != "http" or scope.get("method") != "POST" \
                or scope.get("path") not in PATHS:
            await self.app(scope, receive, send)
            return
        start = self.clock()
        state = {"status": 200, "first": None, "body": bytearray()}

        async def recording_send(message):
            if message["type"] == "http.response.start":
                state["status"] = message.get("status", 200)
            elif message["type"] == "http.response.body":
                chunk = message.get("body", b"")
                if chunk and state["first"] is None:
                    state["first"] = self.clock()
                if len(state["body"]) < MAX_BODY:
                    state["body"].extend(chunk)
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            self._report(start, self.clock(), state)

    def _report(self, start, end, state):
        request_id, model, usage = usage_of(bytes(state["body"]))
        if usage is None:
            self.skipped += 1
            return
        status = "OK" if state["status"] < 400 else "ERROR"
        try:
            self.emitter.emit_finished(request_id=request_id, model=model, usage=usage,
                                       start=start, end=end, first_token=state["first"],
                                       status=status)
        except Exception as e:  # reporting must never break serving
            self.skipped += 1
            import sys
            sys.stderr.write("impact middleware: request %s not reported: %s\n" % (request_id, e))
