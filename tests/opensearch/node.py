"""Real OpenSearch 2.19 nodes for the tests, assembled from Maven Central (pom.xml beside this file).

`build()` resolves the artifacts and compiles the launcher (`src/coop/kb/TestNode.java`: an embedded
node with its plugins on the classpath) once; `Node.start()` runs one JVM on loopback with a free port,
a 512 MB heap, no disk watermarks and its data in a directory removed when it stops. `shared_node()`
gives every process of one pytest run (xdist workers included) the same single node, started by the
first process that needs it; `tests/opensearch/plugin.py` stops it when the run ends.
"""

import fcntl
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "target"
CLASSPATH_FILE = TARGET / "classpath.txt"
LAUNCHER = TARGET / "classes" / "coop" / "kb" / "TestNode.class"
SOURCES = (HERE / "pom.xml", HERE / "src" / "coop" / "kb" / "TestNode.java")
MAIN_CLASS = "coop.kb.TestNode"
JVM_OPTIONS = (
    "-Xms512m",
    "-Xmx512m",
    "-XX:+UseSerialGC",  # a test node on two shared cores: no parallel collector threads
    "-XX:TieredStopAtLevel=1",  # C1 only: starts faster, and test queries are few and small
    "-Dlog4j2.level=WARN",
)
START_TIMEOUT = 120  # seconds, from the JVM's launch to the node's HTTP port (measured: ~10 s)
STATE_VARIABLE = "KB_TEST_OPENSEARCH_STATE"  # a directory shared by the processes of one pytest run
READY = "KB-TEST-NODE "


class NodeError(RuntimeError):
    pass


def missing_tools():
    """Why no node can be started here ("" when Java and Maven are on PATH)."""
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if not missing:
        return ""
    return (
        f"no OpenSearch test node: {' and '.join(missing)} not on PATH (install Java 17 and Maven, "
        "or name a running cluster with KB_TEST_ELASTICSEARCH_URL)"
    )


@contextmanager
def file_lock(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build():
    """Resolve the artifacts (~/.m2) and compile the launcher unless done since the last change."""
    with file_lock(TARGET / "build.lock"):
        built = CLASSPATH_FILE.exists() and LAUNCHER.exists()
        if not built or min(CLASSPATH_FILE.stat().st_mtime, LAUNCHER.stat().st_mtime) < max(
            source.stat().st_mtime for source in SOURCES
        ):
            command = ["mvn", "-q", "-B", "-f", str(HERE / "pom.xml"), "compile"]
            command += ["dependency:build-classpath", f"-Dmdep.outputFile={CLASSPATH_FILE}"]
            result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
            if result.returncode:
                raise NodeError(f"mvn failed ({result.returncode}):\n{result.stdout[-4000:]}{result.stderr}")
            CLASSPATH_FILE.touch()
    return f"{TARGET / 'classes'}:{CLASSPATH_FILE.read_text().strip()}"


def request(url, method="GET", timeout=10):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=timeout) as response:  # noqa: S310
            return json.load(response)
    except urllib.error.HTTPError as error:
        if error.code == 408:  # _cluster/health past its wait: the answer still says how the cluster is
            return json.load(error)
        raise


class Node:
    """One OpenSearch JVM. Settings are OpenSearch's, e.g. {"discovery.type": "single-node"}."""

    def __init__(self, name, settings, data_dir=None, owner_pid=None):
        self.name = name
        self.settings = {
            "node.name": name,
            "cluster.name": "kb-test",
            "network.host": "127.0.0.1",
            "http.port": "0",
            "transport.port": "0",
            "cluster.routing.allocation.disk.threshold_enabled": "false",
            # Each publish waits for a refresh (`refresh=wait_for`): 1 s apiece by default, which made a
            # contract test's set-up take 18 s. Visibility still waits for a refresh, only sooner.
            "cluster.default.index.refresh_interval": "50ms",
            **settings,
        }
        self.data_dir = Path(data_dir or tempfile.mkdtemp(prefix=f"kb-opensearch-{name}-"))
        self.owner_pid = owner_pid or os.getpid()
        self.process = None
        self.url = self.transport = None
        self.startup_seconds = None

    @property
    def log(self):
        return self.data_dir / "node.log"

    def start(self, classpath=None):
        return self.launch(classpath).wait_until_ready()

    def launch(self, classpath=None):
        """Start the JVM and return at once (wait_until_ready() waits for its HTTP port)."""
        classpath = classpath or build()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        settings = {"path.home": str(self.data_dir / "home"), **self.settings}
        command = ["java", *JVM_OPTIONS, f"-Dkb.owner.pid={self.owner_pid}", "-cp", classpath, MAIN_CLASS]
        command += [f"{key}={value}" for key, value in settings.items()]
        self._launched = time.monotonic()
        with open(self.log, "wb") as log:
            # A session of its own: stop() ends the JVM and anything it started, and Ctrl-C in the
            # terminal does not kill it before the test run's clean-up does.
            self.process = subprocess.Popen(  # noqa: S603
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        return self

    def wait_until_ready(self):
        try:
            line = self._wait_for_ready(self._launched)
        except BaseException:
            self.stop()
            raise
        fields = dict(field.split("=", 1) for field in line[len(READY) :].split())
        self.url, self.transport = f"http://{fields['http']}", fields["transport"]
        self.startup_seconds = time.monotonic() - self._launched
        return self

    def _wait_for_ready(self, started):
        while time.monotonic() - started < START_TIMEOUT:
            for line in self.log.read_text(errors="replace").splitlines():
                if line.startswith(READY):
                    return line
            if self.process.poll() is not None:
                code = self.process.returncode
                raise NodeError(f"OpenSearch node {self.name} exited ({code}):\n{self.tail()}")
            time.sleep(0.2)
        raise NodeError(f"OpenSearch node {self.name} not up after {START_TIMEOUT} s:\n{self.tail()}")

    def tail(self, size=4000):
        try:
            return self.log.read_text(errors="replace")[-size:]
        except OSError:
            return ""

    def wait_for_status(self, status="green", timeout=60):
        query = f"wait_for_status={status}&timeout={timeout}s"
        health = request(f"{self.url}/_cluster/health?{query}", timeout=timeout + 5)
        if health["timed_out"]:
            raise NodeError(f"cluster not {status} after {timeout} s: {health}")
        return health

    def info(self):
        """The `GET /` answer: name, cluster_name, version.distribution/number…"""
        return request(f"{self.url}/")

    def stop(self, timeout=30):
        """End the JVM (SIGTERM: the node closes itself; SIGKILL if it lingers) and remove its data."""
        if self.process is not None:
            stop_process_group(self.process.pid, timeout)
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self):
        return self.start() if self.process is None else self

    def __exit__(self, *exc_info):
        self.stop()


def stop_process_group(pid, timeout=30):
    """SIGTERM the process group `pid` leads, then SIGKILL after `timeout` seconds."""

    def alive():
        try:
            return os.waitpid(pid, os.WNOHANG)[0] == 0  # our child: reaped once it has ended
        except ChildProcessError:
            pass  # started by another process of the run (an xdist worker)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10)):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        if not alive():
            return


# One node shared by a test run's processes


def shared_node():
    """Details of the run's node ({"url", "name", "distribution", "number", …}), starting it if needed.

    The first process of the run to ask starts it under a file lock; the others wait, then reuse it.
    The node watches the run's main process (xdist's controller, or pytest itself) and ends with it;
    `plugin.pytest_unconfigure` normally stops it first.
    """
    state = Path(os.environ[STATE_VARIABLE])
    details, failure = state / "node.json", state / "failed.txt"
    with file_lock(state / "node.lock"):
        if details.exists():
            return json.loads(details.read_text())
        if failure.exists():  # one attempt per run, not one per worker
            raise NodeError(failure.read_text())
        owner = os.getppid() if os.environ.get("PYTEST_XDIST_WORKER") else os.getpid()
        node = Node("kb-test", {"discovery.type": "single-node"}, data_dir=state / "node", owner_pid=owner)
        try:
            node.start()
            node.wait_for_status("green")
            info = node.info()
        except Exception as error:
            node.stop()
            failure.write_text(f"{error}")
            raise
        result = {
            "url": node.url,
            "pid": node.process.pid,
            "name": info["name"],
            "distribution": info["version"].get("distribution", "elasticsearch"),
            "number": info["version"]["number"],
            "startup_seconds": round(node.startup_seconds, 1),
        }
        details.write_text(json.dumps(result))
        return result


def stop_shared_node(state):
    """Stop the run's node, if one was started, and remove the run's state directory."""
    details = Path(state) / "node.json"
    if details.exists():
        stop_process_group(json.loads(details.read_text())["pid"])
    shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    started = time.monotonic()
    jars = build().count(":")
    seconds = time.monotonic() - started
    print(f"OpenSearch test node: {jars} jars from ~/.m2, launcher built ({seconds:.1f} s)")
