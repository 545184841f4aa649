"""A TCP proxy on loopback that behaves like a bad rural link: a bandwidth limit per
direction, a fixed latency, and connections cut at random points (asyncio, in a thread)."""

from __future__ import annotations

import asyncio
import random
import threading
import time
from dataclasses import dataclass


@dataclass
class LinkStats:
    connections: int = 0
    cuts: int = 0
    bytes_up: int = 0  # client → server, forwarded
    bytes_down: int = 0


class FaultProxy:
    def __init__(self, target_port: int, *, kbit: float = 64, latency: float = 0.3, cut_after: tuple[int, int] | None
                 = None, max_cuts: int = 0, seed: int = 13) -> None:
        self.target_port = target_port
        self.rate = kbit * 1000 / 8  # bytes per second
        self.latency = latency
        self.piece = 512 if kbit <= 256 else 8192  # bytes read at a time: small on a slow link
        self.cut_after, self.max_cuts = cut_after, max_cuts
        self.rng = random.Random(seed)
        self.stats = LinkStats()
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._server: asyncio.AbstractServer | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    # -- lifecycle ----------------------------------------------------------------------

    def start(self) -> FaultProxy:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._server = self._loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            self._loop.run_forever()
        finally:
            self._server.close()
            for w in self._writers:
                w.transport.abort()
            tasks = asyncio.all_tasks(self._loop)
            for t in tasks:
                t.cancel()
            self._loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            self._loop.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- one connection -----------------------------------------------------------------

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.stats.connections += 1
        try:
            up_r, up_w = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.transport.abort()
            return
        self._writers.update((writer, up_w))
        budget = None
        if self.cut_after and self.stats.cuts < self.max_cuts:
            budget = [self.rng.randint(*self.cut_after)]  # bytes (both directions) before the cut
        done = asyncio.Event()

        async def pump(src: asyncio.StreamReader, dst: asyncio.StreamWriter, up: bool) -> None:
            free = [0.0]  # when this direction of the link is free again (a virtual clock:
            # late wake-ups of sleep() do not add up over thousands of pieces)

            async def pace(n: int) -> None:
                now = time.monotonic()
                free[0] = max(free[0], now) + n / self.rate
                if free[0] > now:
                    await asyncio.sleep(free[0] - now)

            try:
                while not done.is_set():
                    data = await src.read(self.piece)
                    if not data:
                        break
                    if budget is not None:
                        if budget[0] <= len(data):
                            data = data[:budget[0]]
                            if data:
                                await pace(len(data))
                                dst.write(data)
                            if self.stats.cuts < self.max_cuts:
                                self.stats.cuts += 1
                                done.set()
                                return
                            budget[0] = 1 << 62
                        else:
                            budget[0] -= len(data)
                    await pace(len(data))
                    deliver = time.monotonic() + self.latency
                    asyncio.get_running_loop().call_at(
                        asyncio.get_running_loop().time() + max(0.0, deliver - time.monotonic()),
                        _write, dst, data)
                    if up:
                        self.stats.bytes_up += len(data)
                    else:
                        self.stats.bytes_down += len(data)
            except (ConnectionError, OSError):
                pass
            finally:
                done.set()

        def _write(dst: asyncio.StreamWriter, data: bytes) -> None:
            if not dst.is_closing():
                try:
                    dst.write(data)
                except (ConnectionError, OSError, RuntimeError):
                    pass

        t1 = asyncio.ensure_future(pump(reader, up_w, True))
        t2 = asyncio.ensure_future(pump(up_r, writer, False))
        await done.wait()
        try:
            await asyncio.sleep(self.latency + 0.05)  # let delayed writes land before closing
        except asyncio.CancelledError:
            pass
        for w in (writer, up_w):
            w.transport.abort()
            self._writers.discard(w)
        for t in (t1, t2):
            t.cancel()
