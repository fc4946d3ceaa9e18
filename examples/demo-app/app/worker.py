"""Stand-in worker: takes jobs from a Redis list (REDIS_URL set) or polls its database
(DATABASE_URL or DATABASE_URL_FILE only), and proves liveness with a heartbeat file.

Contract with the QueueWorker construct: QUEUE_NAME names the list, WORKER_CONCURRENCY is
read (and reported), and WORKER_HEARTBEAT_FILE is touched at least every few seconds while
the loop runs; the container's health check reads its age.
"""
import json
import os
import pathlib
import signal
import sys
import time

from app.settings import setting

running = True


def stop(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)

queue = os.environ.get("QUEUE_NAME", "jobs")
heartbeat = pathlib.Path(os.environ.get("WORKER_HEARTBEAT_FILE", "/tmp/worker-heartbeat"))
print(f"worker: queue={queue} concurrency={os.environ.get('WORKER_CONCURRENCY', '1')}", flush=True)

if os.environ.get("REDIS_URL"):
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"], socket_timeout=10)
    client.ping()
    while running:
        heartbeat.touch()
        item = client.brpop([queue], timeout=2)
        if item:
            job = json.loads(item[1])
            client.lpush(f"{queue}:done", json.dumps({"job": job, "at": time.time()}))
else:
    import psycopg

    with psycopg.connect(setting("DATABASE_URL") or "", connect_timeout=5, autocommit=True) as conn:
        while running:
            conn.execute("SELECT 1")
            heartbeat.touch()
            time.sleep(2)
sys.exit(0)
