"""The ingest API of the seeds Sluice grew from, for bench/vs-python.sh: FastAPI, a JSON dict per
POST /write, queued into a Redis Stream. Two variants of the seeds (MODE):

  buffered  seed 000's final design: the request appends to an in-process buffer and is answered
            at once; a background task sends the buffer to Redis as one XADD pipeline every 5 ms
            (an event answered 202 can be lost with the process: Sluice answers after Redis has it)
  awaited   seed 002's: one awaited XADD per request, answered after Redis has the event

Run under gunicorn with uvicorn workers, as the seeds do: UvicornWorker takes uvloop and httptools
when they are installed (pip's uvicorn[standard]); PlainWorker is uvicorn without them (plain
pip install uvicorn: asyncio's loop and the h11 parser). No consumer runs here: the stream just
grows, so the API has both cores to itself (this favours the Python service).
"""
import asyncio
import json
import os

import redis.asyncio as aioredis
from fastapi import FastAPI
from uvicorn.workers import UvicornWorker

STREAM = os.environ.get("STREAM", "py_logs_stream")
MODE = os.environ.get("MODE", "buffered")
app = FastAPI()
state = {"redis": None, "buffer": []}


@app.on_event("startup")
async def startup():
    state["redis"] = aioredis.from_url(os.environ["REDIS_URL"])
    if MODE == "buffered":
        asyncio.get_running_loop().create_task(flush_forever())


async def flush_forever():
    while True:
        await asyncio.sleep(0.005)
        if state["buffer"]:
            batch, state["buffer"] = state["buffer"], []
            pipe = state["redis"].pipeline(transaction=False)
            for message in batch:
                pipe.xadd(STREAM, {"message": message})
            await pipe.execute()


@app.post("/write", status_code=202)
async def write(log: dict):
    message = json.dumps(log)
    if MODE == "buffered":
        state["buffer"].append(message)
    else:
        await state["redis"].xadd(STREAM, {"message": message})
    return {"status": "queued"}


class PlainWorker(UvicornWorker):
    CONFIG_KWARGS = {"loop": "asyncio", "http": "h11"}
