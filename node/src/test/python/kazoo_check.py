#!/usr/bin/python3
"""Checks that kazoo, the Python ZooKeeper client, works against a ZooKeeper server.

Usage: /usr/bin/python3 kazoo_check.py HOST:PORT

Runs each check against the server, prints one PASS or FAIL line per check (a failure with its
traceback), and exits with 0 when all pass, 1 when any fails, 2 on bad usage. Every wait has a
deadline. Written for Debian's python3-kazoo (kazoo 2.8), which installs for /usr/bin/python3.
"""

import contextlib
import logging
import queue
import socket
import sys
import threading
import time
import traceback
import uuid

from kazoo.client import KazooClient
from kazoo.exceptions import (
    BadVersionError,
    NoNodeError,
    NotEmptyError,
    RolledBackError,
    RuntimeInconsistency,
)
from kazoo.protocol.states import EventType, KazooState, KeeperState, WatchedEvent
from kazoo.version import __version__ as KAZOO_VERSION

# Seconds any one thing may take: connecting, a watch event arriving, a thread finishing.
DEADLINE = 20.0

CHECKS = []


def check(function):
    CHECKS.append(function)
    return function


def expect(actual, expected, what):
    if actual != expected:
        raise AssertionError("%s: expected %r, got %r" % (what, expected, actual))


@contextlib.contextmanager
def connected(hosts):
    """A started client with a session of its own; stopped and closed afterwards."""
    client = KazooClient(hosts=hosts, timeout=10.0)
    client.start(timeout=DEADLINE)
    try:
        yield client
    finally:
        client.stop()
        client.close()


def next_item(items, what):
    try:
        return items.get(timeout=DEADLINE)
    except queue.Empty:
        raise AssertionError("no %s within %s s" % (what, DEADLINE)) from None


@check
def crud(hosts, base):
    with connected(hosts) as zk:
        path = base + "/a/b/c"
        expect(zk.create(path, b"v0", makepath=True), path, "create with makepath")
        data, stat = zk.get(path)
        expect(data, b"v0", "data")
        expect((stat.version, stat.dataLength, stat.numChildren), (0, 2, 0), "stat of a new node")
        expect(stat.ephemeralOwner, 0, "ephemeralOwner of a persistent node")
        expect(stat.mzxid, stat.czxid, "mzxid of a new node")

        changed = zk.set(path, b"v1", version=0)
        expect(changed.version, 1, "version after set")
        expect(changed.mzxid > stat.mzxid, True, "set moves mzxid on")
        try:
            zk.set(path, b"v2", version=0)
            raise AssertionError("set with a stale version succeeded")
        except BadVersionError:
            pass
        expect(zk.get(path)[0], b"v1", "data after the refused set")

        expect(zk.exists(path).version, 1, "exists returns the stat")
        expect(zk.exists(base + "/missing"), None, "exists of a missing node")
        try:
            zk.get(base + "/missing")
            raise AssertionError("get of a missing node succeeded")
        except NoNodeError:
            pass

        parent = base + "/a/b"
        zk.create(parent + "/d", b"", ephemeral=True)
        sequential = zk.create(parent + "/s-", b"", sequence=True)
        expect(sequential, parent + "/s-0000000002", "name of a sequential node")
        expect(sorted(zk.get_children(parent)), ["c", "d", "s-0000000002"], "children")
        children, parent_stat = zk.get_children(parent, include_data=True)
        expect((len(children), parent_stat.numChildren), (3, 3), "children with stat")
        expect(parent_stat.cversion, 3, "cversion after three creates")

        try:
            zk.delete(base + "/a")
            raise AssertionError("delete of a node with children succeeded")
        except NotEmptyError:
            pass
        zk.delete(base + "/a", recursive=True)
        expect(zk.exists(base + "/a"), None, "after recursive delete")
        expect(zk.get_children(base), [], "children after recursive delete")


@check
def watches(hosts, base):
    with connected(hosts) as watcher, connected(hosts) as writer:
        path = base + "/w"
        events = queue.Queue()

        def expect_event(event_type, event_path):
            expected = WatchedEvent(event_type, KeeperState.CONNECTED, event_path)
            expect(next_item(events, "watch event"), expected, "watch event")

        writer.ensure_path(base)
        expect(watcher.exists(path, watch=events.put), None, "exists before create")
        writer.create(path, b"1")
        expect_event(EventType.CREATED, path)

        expect(watcher.get(path, watch=events.put)[0], b"1", "data")
        writer.set(path, b"2")
        expect_event(EventType.CHANGED, path)

        expect(watcher.get_children(path, watch=events.put), [], "children")
        writer.create(path + "/child")
        expect_event(EventType.CHILD, path)

        watcher.get(path + "/child", watch=events.put)
        writer.delete(path + "/child")
        expect_event(EventType.DELETED, path + "/child")

        # One-shot: the data watch on path fired already; the next event is the sentinel's.
        writer.set(path, b"3")
        watcher.exists(base + "/sentinel", watch=events.put)
        writer.create(base + "/sentinel")
        expect_event(EventType.CREATED, base + "/sentinel")

        seen = queue.Queue()

        @watcher.DataWatch(path)
        def on_change(data, stat, event):
            seen.put((data, stat.version, event))

        expect(next_item(seen, "DataWatch call"), (b"3", 2, None), "DataWatch's first call")
        writer.set(path, b"4")
        changed = WatchedEvent(EventType.CHANGED, KeeperState.CONNECTED, path)
        expect(next_item(seen, "DataWatch call"), (b"4", 3, changed), "DataWatch after set")


class Proxy:
    """A loopback TCP proxy in front of the server, so that a check can cut a client's connection
    (the client then reconnects through it on its own)."""

    def __init__(self, hosts):
        host, port = hosts.rsplit(":", 1)
        self._target = (host, int(port))
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.hosts = "127.0.0.1:%d" % self._listener.getsockname()[1]
        self._sockets = []
        self._guard = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(self._target, timeout=DEADLINE)
            server.settimeout(None)
            with self._guard:
                self._sockets += [client, server]
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            source.close()
            sink.close()

    def cut(self):
        """Closes every proxied connection, both sides, as a broken network would."""
        with self._guard:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # its pump closed it already, the other side having gone
            sock.close()

    def close(self):
        self._listener.close()
        self.cut()


@check
def session_survives_reconnect(hosts, base):
    """kazoo 2.8 never sends setWatches: when its connection drops, it fires every watch with a
    NONE event and forgets it. The session must survive the reconnect (same id, its ephemeral
    node kept), and watches set afterwards must work."""
    proxy = Proxy(hosts)
    try:
        with connected(proxy.hosts) as watcher, connected(hosts) as writer:
            path = base + "/r"
            writer.create(path, b"1", makepath=True)
            session = watcher.client_id
            watcher.create(base + "/mine", b"", ephemeral=True)
            states = queue.Queue()
            watcher.add_listener(states.put)
            events = queue.Queue()
            expect(watcher.get(path, watch=events.put)[0], b"1", "data")

            proxy.cut()
            dropped = WatchedEvent(EventType.NONE, KeeperState.CONNECTING, None)
            expect(next_item(events, "watch event"), dropped, "the watch when the connection drops")
            expect(next_item(states, "state change"), KazooState.SUSPENDED, "after the cut")
            expect(next_item(states, "state change"), KazooState.CONNECTED, "after reconnecting")
            expect(watcher.client_id, session, "session after reconnecting")
            expect(writer.exists(base + "/mine").ephemeralOwner, session[0], "ephemeral's owner")

            expect(watcher.get(path, watch=events.put)[0], b"1", "data after reconnecting")
            writer.set(path, b"2")
            changed = WatchedEvent(EventType.CHANGED, KeeperState.CONNECTED, path)
            expect(next_item(events, "watch event"), changed, "a watch set after reconnecting")
    finally:
        proxy.close()


@check
def transactions(hosts, base):
    with connected(hosts) as zk:
        path = base + "/t"
        zk.create(path, b"0", makepath=True)

        committed = zk.transaction()
        committed.create(path + "/new", b"n")
        committed.set_data(path, b"1", version=0)
        committed.check(path + "/new", 0)
        results = committed.commit()
        expect(len(results), 3, "one result per op")
        expect(results[0], path + "/new", "create's result")
        expect(results[1].version, 1, "set_data's result")
        expect(results[2], True, "check's result")
        expect(zk.get(path)[0], b"1", "data after commit")
        expect(zk.get(path + "/new")[0], b"n", "created in the transaction")

        failing = zk.transaction()
        failing.create(path + "/other", b"o")
        failing.check(path, 0)
        failing.set_data(path, b"2")
        results = failing.commit()
        expect(
            [type(result) for result in results],
            [RolledBackError, BadVersionError, RuntimeInconsistency],
            "results of a failed transaction",
        )
        expect(zk.exists(path + "/other"), None, "the rolled back create")
        expect(zk.get(path)[0], b"1", "data after the failed transaction")


@check
def lock(hosts, base):
    workers = 3
    increments = 10
    counter = {"value": 0, "holders": 0, "max_holders": 0}
    meter = threading.Lock()
    start = threading.Barrier(workers, timeout=DEADLINE)
    errors = queue.Queue()

    def work(client, index):
        try:
            mutex = client.Lock(base + "/lock", "worker-%d" % index)
            start.wait()
            for _ in range(increments):
                mutex.acquire(timeout=DEADLINE)
                try:
                    with meter:
                        counter["holders"] += 1
                        counter["max_holders"] = max(counter["max_holders"], counter["holders"])
                    # Not atomic: read, give the other threads a chance to run, write back.
                    value = counter["value"]
                    time.sleep(0)
                    counter["value"] = value + 1
                    with meter:
                        counter["holders"] -= 1
                finally:
                    mutex.release()
        except Exception:
            errors.put("worker %d: %s" % (index, traceback.format_exc()))

    with contextlib.ExitStack() as stack:
        clients = [stack.enter_context(connected(hosts)) for _ in range(workers)]
        threads = [
            threading.Thread(target=work, args=(client, index), daemon=True)
            for index, client in enumerate(clients)
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 3 * DEADLINE
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                raise AssertionError("a worker did not finish in time")
    if not errors.empty():
        raise AssertionError("\n".join(errors.queue))
    expect(counter["value"], workers * increments, "counter incremented under the lock")
    expect(counter["max_holders"], 1, "holders of the lock at once")


def main(argv):
    if len(argv) != 2:
        print("usage: %s HOST:PORT" % argv[0], file=sys.stderr)
        return 2
    hosts = argv[1]
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    print("kazoo %s against %s" % (KAZOO_VERSION, hosts), flush=True)
    # A fresh base path per run, so that a run never trips over what an earlier one left.
    base = "/kazoo-check-" + uuid.uuid4().hex
    failed = 0
    for function in CHECKS:
        try:
            function(hosts, base + "/" + function.__name__)
            print("PASS %s" % function.__name__, flush=True)
        except Exception:
            failed += 1
            print("FAIL %s" % function.__name__)
            traceback.print_exc(file=sys.stdout)
            sys.stdout.flush()
    print("%d passed, %d failed" % (len(CHECKS) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
