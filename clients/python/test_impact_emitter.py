#!/usr/bin/python3
"""Unit tests of the emitter's record building and of the ASGI middleware, without a broker.

Run: /usr/bin/python3 -m unittest discover -s clients/python -p 'test_*.py'
(ImpactEmitterPythonTest runs them in the Java build.)
"""
import asyncio
import json
import unittest

import impact_emitter
import vllm_impact_middleware


class RecordingEmitter(object):
    def __init__(self):
        self.calls = []

    def emit_finished(self, **fields):
        self.calls.append(fields)


class FakeNvml(object):
    def nvmlInit(self):
        pass

    def nvmlShutdown(self):
        pass

    def nvmlDeviceGetCount(self):
        return 2

    def nvmlDeviceGetHandleByIndex(self, i):
        return i

    def nvmlDeviceGetUUID(self, handle):
        return ("GPU-nvml-%d" % handle).encode()


def app_answering(body_chunks, status=200):
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": status, "headers": []})
        for i, chunk in enumerate(body_chunks):
            await send({"type": "http.response.body", "body": chunk,
                        "more_body": i < len(body_chunks) - 1})
    return app


def call(middleware, path="/v1/chat/completions", method="POST"):
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(middleware({"type": "http", "method": method, "path": path}, receive, send))
    return sent


class TicksClock(object):
    def __init__(self, *times):
        self.times = list(times)

    def __call__(self):
        return self.times.pop(0)


class FinishedRequestTest(unittest.TestCase):
    def test_takes_tokens_and_timings_from_an_openai_usage_block(self):
        usage = {"prompt_tokens": 12, "completion_tokens": 30, "total_tokens": 42,
                 "prompt_tokens_details": {"cached_tokens": 8}}
        record = impact_emitter.finished_request("r1", "m", usage, 1000.0, 1002.5,
                                                 first_token=1000.25, gpu_uuids=["GPU-a"])
        self.assertEqual((12, 30, 8), (record["input_tokens"], record["output_tokens"],
                                       record["cached_input_tokens"]))
        self.assertEqual(250.0, record["time_to_first_token_ms"])
        self.assertEqual(1002500, impact_emitter.epoch_millis(record["end_time"]))
        self.assertEqual(["GPU-a"], record["gpu_uuids"])

    def test_refuses_what_the_service_would_dead_letter(self):
        with self.assertRaises(ValueError):
            impact_emitter.finished_request("r1", "m", {"completion_tokens": 3}, 1.0, 2.0)
        with self.assertRaises(ValueError):
            impact_emitter.finished_request("r1", "m", {"prompt_tokens": 1}, 2.0, 1.0)
        with self.assertRaises(ValueError):
            impact_emitter.finished_request("r1", "m", {"prompt_tokens": 1}, 1.0, 2.0,
                                            status="DONE")


class GpuUuidsTest(unittest.TestCase):
    def test_reads_uuids_and_mig_devices_from_cuda_visible_devices(self):
        env = {"CUDA_VISIBLE_DEVICES": "GPU-aa,MIG-GPU-bb/1/0"}
        self.assertEqual(["GPU-aa", "GPU-bb"], impact_emitter.gpu_uuids_from_environment(env))

    def test_resolves_indices_through_nvml(self):
        env = {"CUDA_VISIBLE_DEVICES": "1"}
        self.assertEqual(["GPU-nvml-1"],
                         impact_emitter.gpu_uuids_from_environment(env, nvml=FakeNvml()))
        self.assertEqual(["GPU-nvml-0", "GPU-nvml-1"],
                         impact_emitter.gpu_uuids_from_environment({}, nvml=FakeNvml()))

    def test_knows_nothing_without_nvml_or_variable(self):
        self.assertEqual([], impact_emitter.gpu_uuids_from_environment({"CUDA_VISIBLE_DEVICES": ""}))


class MiddlewareTest(unittest.TestCase):
    def test_reports_a_json_completion_with_its_usage_and_timings(self):
        answer = {"id": "cmpl-1", "model": "qwen", "choices": [],
                  "usage": {"prompt_tokens": 5, "completion_tokens": 7}}
        emitter = RecordingEmitter()
        app = app_answering([json.dumps(answer).encode()])
        middleware = vllm_impact_middleware.ImpactMiddleware(app, emitter,
                                                             clock=TicksClock(10.0, 10.5, 11.0))
        sent = call(middleware)
        self.assertEqual(2, len(sent), "the answer passes through unchanged")
        self.assertEqual([{"request_id": "cmpl-1", "model": "qwen",
                           "usage": {"prompt_tokens": 5, "completion_tokens": 7},
                           "start": 10.0, "end": 11.0, "first_token": 10.5, "status": "OK"}],
                         emitter.calls)

    def test_reads_usage_from_the_last_event_of_a_stream(self):
        chunks = [b'data: {"id":"c2","model":"m","choices":[{"delta":{"content":"a"}}]}\n\n',
                  b'data: {"id":"c2","model":"m","choices":[],'
                  b'"usage":{"prompt_tokens":3,"completion_tokens":1}}\n\n',
                  b"data: [DONE]\n\n"]
        emitter = RecordingEmitter()
        middleware = vllm_impact_middleware.ImpactMiddleware(
            app_answering(chunks), emitter, clock=TicksClock(1.0, 1.1, 2.0))
        call(middleware)
        self.assertEqual(1, len(emitter.calls))
        self.assertEqual({"prompt_tokens": 3, "completion_tokens": 1}, emitter.calls[0]["usage"])
        self.assertEqual(1.1, emitter.calls[0]["first_token"])

    def test_leaves_other_paths_and_answers_without_usage_alone(self):
        emitter = RecordingEmitter()
        middleware = vllm_impact_middleware.ImpactMiddleware(
            app_answering([b'{"error": "bad request"}'], status=400), emitter,
            clock=TicksClock(1.0, 1.2, 1.3))
        call(middleware)
        call(vllm_impact_middleware.ImpactMiddleware(app_answering([b"ok"]), emitter),
             path="/health", method="GET")
        self.assertEqual([], emitter.calls)
        self.assertEqual(1, middleware.skipped)


if __name__ == "__main__":
    unittest.main()
