"""A loopback TCP front for a search engine that can be switched, as an operator would see it fail:

- "up": bytes are relayed to the real server behind it (the OpenSearch test node), both ways;
- "refused": nothing listens on the port any more (a stopped node): connections are refused;
- "hanging": connections are accepted and read, and never answered (a server stuck in GC, a
  firewall dropping packets): the client waits for its own timeout.

Used by tests/search/test_index_queue.py and bench/engine_outage.py.
"""

import contextlib
import socket
import threading

MODES = ("up", "refused", "hanging")


class FaultyServer:
    def __init__(self, target: tuple[str, int] | None = None, mode: str = "up"):
        self.target = target
        self.mode = mode
        self.connections = 0  # accepted since start: how many times a client got through
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def switch(self, mode: str) -> None:
        """New connections follow the new mode; those open now are cut (a client keeps its
        connections alive, and would otherwise go on talking to the old state)."""
        assert mode in MODES, mode
        if mode == self.mode:
            return
        if mode == "refused" and self._listener is not None:
            self._close_listener()
        elif mode != "refused" and self._listener is None:
            self._listener = socket.create_server(("127.0.0.1", self.port))  # SO_REUSEADDR: same port again
            self._listen()
        self.mode = mode
        self._cut_open()

    def start(self) -> "FaultyServer":
        self._listen()
        return self

    def stop(self) -> None:
        if self._listener is not None:
            self._close_listener()
        self._cut_open()

    def _close_listener(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would leave the port listening.
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        self._listener = None

    def _listen(self):
        threading.Thread(target=self._serve, args=(self._listener,), daemon=True).start()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _cut_open(self):
        with self._lock:
            for connection in self._open:
                with contextlib.suppress(OSError):
                    connection.close()
            self._open.clear()

    def _serve(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # stopped, or refusing from now on
            self.connections += 1
            if self.target is None and self.mode == "up":
                client.close()  # nothing to relay to
                continue
            with self._lock:
                self._open.append(client)
            if self.mode == "hanging":
                threading.Thread(target=self._swallow, args=(client,), daemon=True).start()
            else:
                self._relay(client)

    def _swallow(self, client):
        with contextlib.suppress(OSError):
            while client.recv(65536):
                pass

    def _relay(self, client):
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        upstream.settimeout(None)
        with self._lock:
            self._open.append(upstream)
        for source, sink in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)
