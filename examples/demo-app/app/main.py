"""Stand-in for the seeds' own application images (api, cv-parser, matching-api, app, ...).

A small FastAPI app with the endpoints the seeds probe: /health, /docs (FastAPI's own),
/metrics, and a job endpoint that pushes to Redis when REDIS_URL is set. It checks its
database and Redis on /health, so "healthy" means its dependencies answer too.
"""
import os
import time

from fastapi import FastAPI, Response
from fastapi.responses import JSONResponse

from app.settings import setting

app = FastAPI(title=os.environ.get("APP_NAME", "demo-app"))
STARTED = time.time()
REQUESTS = {"count": 0}


def _check_database() -> bool | None:
    url = setting("DATABASE_URL")
    if not url:
        return None
    import psycopg

    with psycopg.connect(url, connect_timeout=3) as conn:
        conn.execute("SELECT 1")
    return True


def _check_redis() -> bool | None:
    url = os.environ.get("REDIS_URL")
    if not url:
        return None
    import redis

    return bool(redis.Redis.from_url(url, socket_timeout=3).ping())


@app.get("/health")
def health() -> JSONResponse:
    REQUESTS["count"] += 1
    checks = {}
    try:
        checks["database"] = _check_database()
        checks["redis"] = _check_redis()
    except Exception as error:  # a failing dependency makes the service unhealthy
        return JSONResponse({"status": "unhealthy", "error": str(error)}, status_code=503)
    return JSONResponse({"status": "healthy", **{k: v for k, v in checks.items() if v is not None}})


@app.get("/")
def root() -> dict:
    return {"name": app.title, "version": os.environ.get("APP_VERSION", "dev"), "uptime_seconds": round(time.time() - STARTED, 1)}


@app.get("/metrics")
def metrics() -> Response:
    body = f"demo_requests_total {REQUESTS['count']}\ndemo_uptime_seconds {time.time() - STARTED:.1f}\n"
    return Response(body, media_type="text/plain; version=0.0.4")


@app.post("/jobs/{queue}")
def enqueue(queue: str, payload: dict) -> dict:
    import json

    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"], socket_timeout=3)
    client.lpush(queue, json.dumps(payload))
    return {"queued": queue}
