"""``replylint serve`` as users run it: a real process with ``--workers 2``. Keep-alive
connections that all land on the one HTTP process still get both workers' CPU; a worker
killed mid-load costs no request and is replaced; SIGTERM, or Ctrl-C to the whole process
group, lets a request already accepted finish before the service exits.

The worker processes are found in ``/proc`` (the service's children running
``multiprocessing.spawn``), so the tests that need them run on Linux only."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from replylint import Linter
from replylint.cli.serve import KEEP_ALIVE_SECONDS

pytest.importorskip("fastapi", reason="the serve extra is not installed")

REPLY = "Hi Ana, your replacement ships today and arrives within 3 days. Thanks!"
#: About 120 words, so a check is long enough for the CPU time to be measured.
LONGER = (
    "Hi Marta, thanks for your patience while we looked into the missing parcel. I checked "
    "with the courier this morning: the box left our warehouse on Monday but was scanned "
    "at the wrong depot, so it never went out for delivery. I have asked them to return it "
    "to us, and I have sent you a replacement by express post today at no charge; it "
    "arrives within two working days and the tracking link is in your inbox. If the first "
    "box turns up at your door anyway, keep it or pass it on, whichever suits you. Sorry "
    "for the trouble and the wait. If anything else comes up, reply to this email and it "
    "comes straight back to me. Thanks, Jonas"
)
LINUX_PROC = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="finds the workers in /proc (Linux)"
)


@dataclass
class Service:
    process: subprocess.Popen[str]
    port: int
    log: list[str] = field(default_factory=list)
    #: What the service writes on standard output: uvicorn's access log.
    out: list[str] = field(default_factory=list)


#: Starts what follows it with these signals ignored, as a shell starts a background job
#: of a script (SIGINT) or a supervisor may (both): ignored dispositions survive ``exec``.
_IGNORING = (
    "import os, signal, sys\n"
    "for name in sys.argv[1].split(','):\n"
    "    signal.signal(getattr(signal, name), signal.SIG_IGN)\n"
    "os.execv(sys.executable, [sys.executable, *sys.argv[2:]])"
)


def launch(tmp_path: Path, *argv: str, ignoring: tuple[str, ...] = ()) -> Service:
    """Start ``replylint serve --port 0`` and wait for /readyz; its stderr and stdout are
    collected. ``ignoring``: signal names the service inherits as ignored."""
    env = {k: v for k, v in os.environ.items() if k != "REPLYLINT_API_TOKEN"}
    shim = [sys.executable, "-c", _IGNORING, ",".join(ignoring)] if ignoring else [sys.executable]
    process = subprocess.Popen(
        [*shim, "-m", "replylint", "serve", "--isolated", "--port", "0", *argv],
        cwd=tmp_path,
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as under a terminal or a manager
    )
    assert process.stderr is not None
    log: list[str] = []
    port = None
    for line in process.stderr:
        log.append(line)
        found = re.match(r"replylint serve: http://127\.0\.0\.1:(\d+)/", line)
        if found:
            port = int(found.group(1))
            break
    assert port is not None, "".join(log)
    service = Service(process, port, log)
    threading.Thread(target=lambda: log.extend(process.stderr or ()), daemon=True).start()
    threading.Thread(target=lambda: service.out.extend(process.stdout or ()), daemon=True).start()
    deadline = time.monotonic() + 90
    while get(port, "/readyz")[0] != 200:
        assert process.poll() is None, "".join(log)
        assert time.monotonic() < deadline, "not ready in 90 s"
        time.sleep(0.1)
    return service


def get(port: int, path: str) -> tuple[int, Any]:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    except OSError:
        return 0, None


def workers(service: Service) -> set[int]:
    """The service's check worker processes: its children that multiprocessing spawned
    to run jobs (not its resource tracker)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if ppid == service.process.pid and b"spawn_main" in command:
            found.add(int(stat.parent.name))
    return found


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def full_strength(service: Service, size: int) -> set[int]:
    """The workers once there are ``size`` of them and the service is ready (a killed
    one is replaced in the background)."""
    deadline = time.monotonic() + 90
    while True:
        found = workers(service)
        if len(found) == size and get(service.port, "/readyz")[0] == 200:
            return found
        assert time.monotonic() < deadline, f"{len(found)} workers after 90 s"
        time.sleep(0.2)


def check(port: int) -> int:
    """POST the reply; the status, or 0 when the connection broke."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        body = json.dumps({"reply": REPLY})
        connection.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        answer = json.loads(response.read())
        connection.close()
    except (OSError, http.client.HTTPException):
        return 0
    if response.status == 200:
        assert answer["checks"]["next_step_timeframe"]["present"] is True
    return response.status


def end(service: Service) -> None:
    if service.process.poll() is None:
        service.process.send_signal(signal.SIGTERM)
        try:
            service.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            service.process.kill()
            service.process.wait()


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    service = launch(tmp_path_factory.mktemp("serve"), "--workers", "2")
    yield service
    end(service)


def test_answers_through_the_workers_are_the_librarys(two_workers: Service, linter: Linter) -> None:
    port = two_workers.port
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"}

    def post(path: str, payload: Any) -> Any:
        connection.request("POST", path, json.dumps(payload), headers)
        response = connection.getresponse()
        assert response.status == 200
        return json.loads(response.read())

    one = post("/v1/check", {"reply": LONGER, "channel": "chat", "customer_name": "Marta"})
    expected = linter.check(LONGER, channel="chat", customer_name="Marta")
    assert one == expected.model_dump(mode="json")
    many = post("/v1/check-many", {"items": [{"reply": 7}, {"reply": " "}, {"reply": REPLY}]})
    assert [r.get("index") for r in many["results"]] == [0, 1, None]
    assert many["results"][1]["error"].startswith("the reply is empty")
    assert many["results"][2] == linter.check(REPLY).model_dump(mode="json")
    connection.close()
    assert [r["id"] for r in get(port, "/v1/rules")[1]] == [r.id for r in linter.rules]


@LINUX_PROC
def test_keep_alive_connections_on_one_http_process_use_every_worker(
    two_workers: Service,
) -> None:
    """Eight keep-alive connections opened at once, as a ticket system's pool opens them.
    With uvicorn's own workers the burst was usually accepted by one worker process,
    which then did all the checks on one core (its sibling got 0-13 % of the CPU)."""
    port = two_workers.port
    pool = full_strength(two_workers, 2)
    before = {pid: cpu_seconds(pid) for pid in pool}
    connections = [http.client.HTTPConnection("127.0.0.1", port, timeout=30) for _ in range(8)]
    for connection in connections:
        connection.connect()
    body = json.dumps({"reply": LONGER})
    headers = {"Content-Type": "application/json"}

    def load(connection: http.client.HTTPConnection) -> tuple[int, list[int]]:
        connection.request("GET", "/healthz")
        holder = json.loads(connection.getresponse().read())["pid"]
        statuses = []
        for _ in range(15):
            connection.request("POST", "/v1/check", body, headers)
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
        return holder, statuses

    with ThreadPoolExecutor(max_workers=8) as threads:
        answers = list(threads.map(load, connections))
    for connection in connections:
        connection.close()
    assert all(statuses == [200] * 15 for _, statuses in answers)
    used = {pid: cpu_seconds(pid) - before[pid] for pid in pool}
    shares = sorted(u / sum(used.values()) for u in used.values())
    # both workers did a fair part of the 120 checks: with uvicorn's workers the sibling
    # got 0-13 % of the CPU; a fair share, on a CI machine busy with the rest of the
    # suite, measured 19-50 % (checks are quick since stop 47, so a worker descheduled
    # for a moment shows more)
    assert shares[0] >= 0.15, used
    # and that although one HTTP process holds every connection
    assert {holder for holder, _ in answers} == {two_workers.process.pid}


@LINUX_PROC
def test_what_a_slow_client_may_hold_is_what_the_docs_say(two_workers: Service) -> None:
    """docs/serve.md says exactly which of a client's delays are bounded: a keep-alive
    connection silent after an answer is closed after KEEP_ALIVE_SECONDS; a connection
    that sends nothing, or never finishes its headers, is not (uvicorn has no limit on
    the time to send headers; the docs say to put a reverse proxy in front). The README
    said the service refused "slow" requests, as if that covered them."""

    def connect() -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", two_workers.port), timeout=10)
        return sock

    def closed(sock: socket.socket) -> bool:
        sock.settimeout(0.2)
        try:
            return sock.recv(65536) == b""
        except TimeoutError:
            return False

    silent = connect()
    unfinished = connect()
    unfinished.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Sl")
    idle = connect()
    idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    answer = http.client.HTTPResponse(idle)
    answer.begin()
    assert answer.status == 200 and answer.read()
    time.sleep(KEEP_ALIVE_SECONDS + 1.5)
    assert closed(idle)
    assert not closed(silent) and not closed(unfinished)
    for sock in (silent, unfinished, idle):
        sock.close()
    docs = (Path(__file__).resolve().parents[2] / "docs" / "serve.md").read_text("utf-8")
    said = " ".join(docs.split())
    assert f"a keep-alive connection silent for {KEEP_ALIVE_SECONDS} s after an answer" in said
    assert "The request line and headers are not bounded in time" in said


def test_a_worker_killed_mid_load_costs_no_request(two_workers: Service) -> None:
    port = two_workers.port
    started = full_strength(two_workers, 2)
    victim = min(started)
    statuses: list[int] = []
    stop = time.monotonic() + 4.0  # bounded: about 4 s of load at concurrency 8, then stop

    def load(_: int) -> None:
        while time.monotonic() < stop and len(statuses) < 3000:
            statuses.append(check(port))

    with ThreadPoolExecutor(max_workers=8) as pool:
        running = [pool.submit(load, i) for i in range(8)]
        time.sleep(1.0)
        before = len(statuses)
        os.kill(victim, signal.SIGKILL)
        for future in running:
            future.result()
    after_kill = statuses[before:]
    assert before > 0 and len(after_kill) > 20
    # the check the killed worker had is retried on the other one: every request answered
    assert statuses == [200] * len(statuses)
    # a new worker takes the killed one's place, and the service answers as before
    replaced = full_strength(two_workers, 2)
    assert victim not in replaced and len(replaced - started) == 1
    assert [check(port) for _ in range(10)] == [200] * 10
    assert f"check worker {victim} stopped: it died while checking" in "".join(two_workers.log)


def test_the_access_log_is_on_unless_turned_off(two_workers: Service, tmp_path: Path) -> None:
    """One line per request on stdout, without the reply's text; --no-access-log (for a
    service behind a proxy that logs every request already) saves the HTTP process the
    CPU it costs."""
    assert check(two_workers.port) == 200
    deadline = time.monotonic() + 10
    while not any('"POST /v1/check HTTP/1.1" 200' in line for line in two_workers.out):
        assert time.monotonic() < deadline, two_workers.out
        time.sleep(0.05)
    assert "Hi Ana" not in "".join(two_workers.out)
    quiet = launch(tmp_path, "--no-access-log")
    try:
        assert check(quiet.port) == 200
    finally:
        end(quiet)
    assert not [line for line in quiet.out if "/v1/check" in line], quiet.out


@LINUX_PROC
def test_the_http_process_loads_no_nlp(two_workers: Service) -> None:
    """spaCy (110 MB resident) is loaded by the check workers only."""

    def maps(pid: int) -> str:
        return Path(f"/proc/{pid}/maps").read_text()

    assert "/spacy/" not in maps(two_workers.process.pid)
    assert all("/spacy/" in maps(pid) for pid in full_strength(two_workers, 2))


def test_log_replies_reach_the_log_and_only_when_asked(tmp_path: Path) -> None:
    loud = launch(tmp_path, "--log-replies")
    try:
        assert check(loud.port) == 200
    finally:
        end(loud)
    logged = "".join(loud.log)
    assert "findings=" in logged and "Hi Ana, your replacement ships today" in logged
    assert "Traceback" not in logged


@pytest.mark.parametrize(
    ("signal_number", "group", "status", "ignoring"),
    [
        (signal.SIGTERM, False, -signal.SIGTERM, ()),  # a service manager stopping it
        (signal.SIGINT, True, 130, ()),  # Ctrl-C in a terminal: the workers get it too
        # started with the signal ignored (a script's background job): uvicorn's re-raise
        # of it is ignored too, and the service used to exit 0 as if nothing stopped it
        (signal.SIGINT, True, 130, ("SIGINT",)),
        (signal.SIGTERM, False, -signal.SIGTERM, ("SIGINT", "SIGTERM")),
    ],
)
def test_a_stop_signal_finishes_an_accepted_request_then_exits(
    tmp_path: Path, signal_number: int, group: bool, status: int, ignoring: tuple[str, ...]
) -> None:
    service = launch(tmp_path, ignoring=ignoring)
    pool = workers(service)
    body = json.dumps({"reply": REPLY}).encode()
    sock = socket.create_connection(("127.0.0.1", service.port), timeout=20)
    try:
        head = (
            "POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        sock.sendall(head + body[:10])  # accepted, body still coming
        time.sleep(0.3)
        if group:
            os.killpg(service.process.pid, signal_number)
        else:
            service.process.send_signal(signal_number)
        time.sleep(0.5)
        assert service.process.poll() is None  # waiting for the request in flight
        sock.sendall(body[10:])
        response = http.client.HTTPResponse(sock)
        response.begin()
        assert response.status == 200
        assert json.loads(response.read())["checks"]["greeting"]["present"] is True
    finally:
        sock.close()
    # uvicorn, once shut down, re-raises the signal: SIGTERM ends the process ("stopped by
    # SIGTERM"), SIGINT is Python's KeyboardInterrupt, which the command turns into 130
    assert service.process.wait(timeout=20) == status
    assert not [pid for pid in pool if running(pid)]  # the workers stopped too
    assert get(service.port, "/healthz")[0] == 0  # no longer listening
    assert "Traceback" not in "".join(service.log)


@LINUX_PROC
def test_a_second_ctrl_c_answers_the_check_in_flight_and_exits(tmp_path: Path) -> None:
    """uvicorn's "CTRL+C to force quit" skipped the application's shutdown: the check
    still running was cut off when the event loop ended, its client answered a plain-text
    500 "Internal Server Error", and the log held two tracebacks. It is now told the
    service is stopping (503, one line of JSON), and the workers stop."""
    service = launch(tmp_path, "--timeout", "120")
    pool = workers(service)
    idle = {pid: cpu_seconds(pid) for pid in pool}
    # about 100 replies of 1,500 words: seconds of checking, well under the body limit
    items = [
        {"reply": " ".join(f"Parcel {n}-{k} left the depot on time today." for k in range(180))}
        for n in range(100)
    ]
    body = json.dumps({"items": items})
    answered: list[tuple[int, Any]] = []

    def post() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", service.port, timeout=60)
        connection.request("POST", "/v1/check-many", body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        answered.append((response.status, response.read()))

    client = threading.Thread(target=post)
    client.start()
    deadline = time.monotonic() + 20
    while not any(cpu_seconds(pid) > idle[pid] + 1 for pid in pool):  # checking for 1 s
        assert time.monotonic() < deadline and client.is_alive(), answered
        time.sleep(0.1)
    service.process.send_signal(signal.SIGINT)
    time.sleep(0.5)
    assert service.process.poll() is None  # waiting for the check in flight
    service.process.send_signal(signal.SIGINT)  # force quit
    assert service.process.wait(timeout=30) == 130
    client.join(timeout=30)
    ((status, answer),) = answered
    assert status == 503, answer
    assert json.loads(answer)["error"].startswith("the service is stopping: it was stopped ")
    assert not [pid for pid in pool if running(pid)]
    assert "Traceback" not in "".join(service.log), "".join(service.log)


@LINUX_PROC
def test_the_workers_end_with_a_killed_http_process(tmp_path: Path) -> None:
    service = launch(tmp_path, "--workers", "2")
    pool = full_strength(service, 2)
    service.process.kill()  # kill -9: no shutdown runs
    service.process.wait(timeout=10)
    deadline = time.monotonic() + 10  # an idle worker sees its pipe close at once
    while [pid for pid in pool if running(pid)]:
        assert time.monotonic() < deadline, "a worker outlived its HTTP process"
        time.sleep(0.1)


def running(pid: int) -> bool:
    """True while the process exists and has not exited (a zombie has)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
