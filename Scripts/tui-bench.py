#!/usr/bin/env python3
"""Timings of the interactive reader in a pseudo-terminal (120x40, TERM=xterm-256color,
LANG=C.UTF-8, private XDG_CACHE_HOME and XDG_STATE_HOME), for `make bench`.

  tui-bench.py BINARY first-frame --path P --marker M [--runs N] [--warm-index]
      From process start to the first output containing MARKER; median and p95 in ms.
      Each run has a fresh state folder; the search index is cold (a fresh cache folder)
      unless --warm-index, which builds it once in an untimed run first.
  tui-bench.py BINARY scroll --path P --marker M [--keys 50]
      After the first frame and 300 ms without output or CPU use (indexing done), sends
      j and k in turn and times each key until the next output byte (and until its
      repaint went quiet for 100 ms).
  tui-bench.py BINARY memory --path P --marker M [--searches N]
      Peak resident memory (VmHWM) after the first frame and once background indexing
      is done (no output and no CPU use for 1 s), in MB; with --searches, also after N
      searches typed in the search pane.

MARKER is searched in the raw bytes: ncurses may move the cursor between words, so use one
word without spaces (the title's most distinctive word). Rows are drawn top to bottom, so
a word on the status line (the note's file name) times the whole first frame.
--json prints one JSON object instead of text. Exit status 1 when a run fails.
"""
import argparse, fcntl, json, math, os, pty, re, select, shutil, signal, statistics, struct, sys, tempfile, termios, time

COLS, ROWS = 120, 40


class RunFailed(Exception):
    pass


class Reader:
    """The binary running on a pty of COLS x ROWS; output read without blocking."""

    def __init__(self, binary, path, cache, state):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("LC_") and k not in ("LINES", "COLUMNS", "NO_COLOR")}
        env.update(TERM="xterm-256color", LANG="C.UTF-8", XDG_CACHE_HOME=cache, XDG_STATE_HOME=state)
        self.output = bytearray()
        self.closed = False
        self.status = None
        self.start = time.monotonic()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: size its terminal before the program can ask
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                os.execve(binary, [binary, path], env)
            finally:
                os._exit(127)
        os.set_blocking(self.fd, False)

    def read(self, timeout):
        """Bytes that arrive within `timeout` seconds (b"" if none); marks the end of output."""
        if self.closed:
            return b""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return b""
        try:
            chunk = os.read(self.fd, 1 << 16)
        except BlockingIOError:
            return b""
        except OSError:  # EIO: the program closed the terminal
            chunk = b""
        if not chunk:
            self.closed = True
        self.output += chunk
        return chunk

    def wait_for(self, marker, timeout=30.0):
        """Seconds from start until `marker` is in the output."""
        deadline = time.monotonic() + timeout
        while marker not in self.output:
            left = deadline - time.monotonic()
            if left <= 0 or self.closed:
                raise RunFailed(f"{marker.decode(errors='replace')!r} not seen "
                                f"({'the program exited' if self.closed else f'{timeout:.0f} s'}); "
                                f"it printed: {visible(self.output)[-400:]!r}")
            self.read(left)
        return time.monotonic() - self.start

    def quiet(self, seconds, limit=120.0):
        """Waits until nothing arrives for `seconds`; returns the time of the last byte."""
        deadline = time.monotonic() + limit
        last = time.monotonic()
        while time.monotonic() < deadline and not self.closed:
            if self.read(seconds):
                last = time.monotonic()
            else:
                return last
        raise RunFailed(f"output never went quiet for {seconds} s")

    def cpu_ticks(self):
        """User plus system CPU time of the program so far, in clock ticks."""
        with open(f"/proc/{self.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])

    def idle(self, seconds=1.0, limit=120.0):
        """Waits until there is no output and no CPU use (background work such as indexing
        is done) for `seconds`."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            self.quiet(min(seconds, 0.3), limit=deadline - time.monotonic())
            before = self.cpu_ticks()
            if not self.read(seconds) and self.cpu_ticks() - before <= 1:
                return
        raise RunFailed(f"the program never went idle within {limit:.0f} s")

    def send(self, data):
        os.write(self.fd, data)

    def peak_rss_mb(self):
        if self.closed:
            raise RunFailed(f"the program exited; it printed: {visible(self.output)[-400:]!r}")
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        raise RunFailed("no VmHWM in /proc status")

    def quit(self, timeout=10.0):
        """Sends q, drains the output and reaps the program; returns its exit status."""
        if self.status is None:
            try:
                self.send(b"q")
            except OSError:
                pass
            deadline = time.monotonic() + timeout
            while not self.closed and time.monotonic() < deadline:
                self.read(deadline - time.monotonic())
            self.status = self._reap(deadline)
            os.close(self.fd)
        return self.status

    def _reap(self, deadline):
        for sig in (None, signal.SIGTERM, signal.SIGKILL):
            if sig is not None:
                os.kill(self.pid, sig)
                deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    return os.waitstatus_to_exitcode(status)
                time.sleep(0.01)
        pid, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status)


def visible(data):
    """Output with escape sequences dropped, for error messages."""
    text = re.sub(rb"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|.)", b" ", bytes(data))
    text = re.sub(rb"[\x00-\x08\x0e-\x1f\x7f]", b"", text)
    return " ".join(text.decode("utf-8", "replace").split())


def percentile(values, p):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def summary(values_ms):
    return {"runs": len(values_ms), "median_ms": round(statistics.median(values_ms), 2),
            "p95_ms": round(percentile(values_ms, 95), 2), "min_ms": round(min(values_ms), 2),
            "max_ms": round(max(values_ms), 2)}


class Folders:
    """Private cache and state folders, removed at the end."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="tui-bench-")
        self.count = 0

    def new(self, name):
        self.count += 1
        path = os.path.join(self.root, f"{name}-{self.count}")
        os.makedirs(path)
        return path

    def remove(self):
        shutil.rmtree(self.root, ignore_errors=True)


def run_once(args, cache, state):
    """Starts the reader; returns it once MARKER is seen (time in .first_frame)."""
    reader = Reader(args.binary, args.path, cache, state)
    try:
        reader.first_frame = reader.wait_for(args.marker.encode())
    except BaseException:
        reader.quit(timeout=2)
        raise
    return reader


def finish(reader):
    status = reader.quit()
    if status != 0:
        raise RunFailed(f"the program exited with status {status} after q")


def first_frame(args, folders):
    cache = folders.new("cache")
    if args.warm_index:  # an untimed run builds the index; the timed runs reuse it
        reader = run_once(args, cache, folders.new("state"))
        reader.idle()
        finish(reader)
    times = []
    for _ in range(args.runs):
        reader = run_once(args, cache if args.warm_index else folders.new("cache"), folders.new("state"))
        times.append(reader.first_frame * 1000)
        finish(reader)
    result = {"measure": "first-frame", "index": "warm" if args.warm_index else "cold", **summary(times)}
    text = (f"first frame ({result['index']} index, marker {args.marker!r}, {len(times)} runs): "
            f"median {result['median_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms "
            f"(min {result['min_ms']:.1f}, max {result['max_ms']:.1f})")
    return result, text


def scroll(args, folders):
    reader = run_once(args, folders.new("cache"), folders.new("state"))
    try:
        # Background indexing repaints the status line: start once it is done and all is quiet.
        reader.idle(args.settle)
        first_byte, repaint = [], []
        for i in range(args.keys):
            sent = time.monotonic()
            reader.send(b"j" if i % 2 == 0 else b"k")
            if not reader.read(5.0):
                raise RunFailed(f"no repaint within 5 s of key {i + 1} "
                                "(is the note longer than the screen, and the reader focused?)")
            first_byte.append((time.monotonic() - sent) * 1000)
            # The repaint is done when nothing more arrives for 100 ms.
            repaint.append((reader.quiet(0.1) - sent) * 1000)
    finally:
        status = reader.quit()
    if status != 0:
        raise RunFailed(f"the program exited with status {status} after q")
    result = {"measure": "scroll", "keys": args.keys, "first_byte": summary(first_byte), "repaint_done": summary(repaint)}
    text = (f"scroll key to repaint ({args.keys} keys, j/k): first byte median {result['first_byte']['median_ms']:.2f} ms, "
            f"p95 {result['first_byte']['p95_ms']:.2f} ms; repaint done median {result['repaint_done']['median_ms']:.2f} ms, "
            f"p95 {result['repaint_done']['p95_ms']:.2f} ms")
    return result, text


def memory(args, folders):
    reader = run_once(args, folders.new("cache"), folders.new("state"))
    try:
        at_first_frame = reader.peak_rss_mb()
        # Indexing is done when there has been no output and no CPU use for 1 s.
        reader.idle(1.0, limit=args.limit)
        settled = reader.peak_rss_mb()
        # Repeated searches: each query typed in the search pane, then the pane closed.
        words = args.queries.split(",")
        for n in range(args.searches):
            reader.send(b"/" + b"\x15" + words[n % len(words)].encode() + b"\r")
            reader.quiet(0.05, limit=args.limit)
            reader.send(b"\x1b")
        if args.searches:
            reader.idle(0.5, limit=args.limit)
        searched = reader.peak_rss_mb()
    finally:
        status = reader.quit()
    if status != 0:
        raise RunFailed(f"the program exited with status {status} after q")
    result = {"measure": "memory", "peak_rss_first_frame_mb": round(at_first_frame, 1),
              "peak_rss_indexed_mb": round(settled, 1), "peak_rss_searched_mb": round(searched, 1)}
    text = (f"peak RSS (VmHWM): {at_first_frame:.1f} MB at the first frame, "
            f"{settled:.1f} MB after background indexing")
    if args.searches:
        text += f", {searched:.1f} MB after {args.searches} searches"
    return result, text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("binary")
    commands = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--path", required=True, help="folder or note to open")
    common.add_argument("--marker", required=True, help="a word the first frame shows (no spaces)")
    common.add_argument("--json", action="store_true", help="print one JSON object")
    ff = commands.add_parser("first-frame", parents=[common])
    ff.add_argument("--runs", type=int, default=10)
    ff.add_argument("--warm-index", action="store_true", help="reuse a search index built by an untimed run")
    sc = commands.add_parser("scroll", parents=[common])
    sc.add_argument("--keys", type=int, default=50, help="keys to time (default 50)")
    sc.add_argument("--settle", type=float, default=0.3, help="seconds idle before the first key")
    me = commands.add_parser("memory", parents=[common])
    me.add_argument("--limit", type=float, default=120, help="longest wait for indexing, seconds")
    me.add_argument("--searches", type=int, default=0, help="then search this many times (peak reported after)")
    me.add_argument("--queries", default="note,the,flywheel,link,search,zeppelin", help="comma-separated words to search")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        parser.error(f"{args.binary} is not an executable")
    if getattr(args, "runs", 1) < 1 or getattr(args, "keys", 1) < 1:
        parser.error("--runs and --keys must be at least 1")
    args.binary = os.path.abspath(args.binary)
    folders = Folders()
    try:
        result, text = {"first-frame": first_frame, "scroll": scroll, "memory": memory}[args.command](args, folders)
    except RunFailed as failure:
        print(f"tui-bench: {args.command}: {failure}", file=sys.stderr)
        return 1
    finally:
        folders.remove()
    print(json.dumps(result) if args.json else text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
