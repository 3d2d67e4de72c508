#!/usr/bin/env python3
"""The diary under stress: nothing logged is lost, nothing not ours is written.

1. kill -9 at random moments during N `limber log` runs (default 1000): the
   database opens, passes PRAGMA integrity_check and holds every entry whose
   command exited 0.
2. Two processes logging at once: every run succeeds (the busy timeout).
3. A full disk (a 64 KiB tmpfs in a private mount namespace, else
   RLIMIT_FSIZE), a read-only folder, a database locked for long, a file that
   is not SQLite, a database from a newer schema: each exits 2 with an error
   naming the file, and the file is left byte for byte as it was.

Usage: tests/diary_reliability.py LIMBER [KILLS]
"""
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

limber = os.path.abspath(sys.argv[1])
kills = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg, file=sys.stderr)


def run(diary, *args, env=None, preexec=None, timeout=30):
    e = dict(os.environ, LIMBER_DIARY=diary)
    e.update(env or {})
    return subprocess.run([limber, *args], capture_output=True, text=True, env=e, preexec_fn=preexec, timeout=timeout)


def notes(path):
    db = sqlite3.connect(path)
    try:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            fail(f"{path}: integrity_check failed")
        return [r[0] for r in db.execute("SELECT note FROM entries")]
    finally:
        db.close()


def expect_refused(path, words, *args, env=None, preexec=None):
    """The command exits 2, names the file, says `words`, and the file is unchanged."""
    before = open(path, "rb").read() if os.path.isfile(path) else None
    r = run(path, *(args or ("log", "--session", "done", "--pain", "3")), env=env, preexec=preexec)
    if r.returncode != 2:
        fail(f"{words}: exit {r.returncode}, expected 2 ({r.stderr.strip()})")
    if not r.stderr.startswith(path + ": error: ") or words not in r.stderr:
        fail(f"{words}: the error does not name {path} or say '{words}': {r.stderr.strip()}")
    after = open(path, "rb").read() if os.path.isfile(path) else None
    if before != after:
        fail(f"{words}: {path} was changed")
    return r


def kill_test(tmp):
    diary = os.path.join(tmp, "kill", "diary.sqlite")
    env = dict(os.environ, LIMBER_DIARY=diary)
    rng = random.Random(20261130)
    ok = []
    killed = 0
    # How long a log takes here, to spread the kills over its whole life.
    t0 = time.monotonic()
    run(diary, "log", "--session", "done", "--note", "warm-up")
    span = max(0.002, (time.monotonic() - t0) * 1.2)
    ok.append("warm-up")
    for i in range(kills):
        note = f"entry-{i}"
        p = subprocess.Popen([limber, "log", "--date", "2026-03-02", "--session", "done", "--pain", str(i % 11),
                              "--note", note], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0, span))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            killed += 1
        rc = p.wait()
        err = p.stderr.read().decode()
        p.stderr.close()
        if rc == 0:
            ok.append(note)
        elif rc != -signal.SIGKILL:
            fail(f"log {i} exited {rc}: {err.strip()}")
    have = set(notes(diary))
    lost = [n for n in ok if n not in have]
    if lost:
        fail(f"{len(lost)} entries whose log exited 0 are missing, e.g. {lost[:3]}")
    r = run(diary, "diary", "--format", "csv")
    if r.returncode != 0:
        fail(f"limber diary after the kills: exit {r.returncode}: {r.stderr.strip()}")
    print(f"kill -9: {kills} runs, {killed} killed, {len(ok)} exited 0, all {len(ok)} kept, "
          f"{len(have)} entries, integrity ok")


def concurrent_test(tmp):
    diary = os.path.join(tmp, "two", "diary.sqlite")
    results = []

    def worker(name):
        for i in range(60):
            r = run(diary, "log", "--session", "done", "--note", f"{name}-{i}")
            results.append((r.returncode, r.stderr))

    threads = [threading.Thread(target=worker, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    bad = [e for rc, e in results if rc != 0]
    if bad:
        fail(f"two processes: {len(bad)} runs failed, e.g. {bad[0].strip()}")
    if len(notes(diary)) != 120:
        fail(f"two processes: {len(notes(diary))} entries, expected 120")
    print("two processes logging at once: 120 of 120 kept")


def in_namespace(script):
    """Runs a shell script in a private mount namespace (as root or in a user namespace)."""
    for prefix in (["unshare", "--mount"], ["unshare", "--user", "--map-root-user", "--mount"]):
        if shutil.which("unshare") is None:
            break
        r = subprocess.run(prefix + ["sh", "-c", "mount -t tmpfs -o size=4k tmpfs /mnt 2>/dev/null || "
                                     "mount -t tmpfs tmpfs \"$0\" && echo ok", tempfile.gettempdir()],
                           capture_output=True, text=True)
        if r.returncode == 0:
            return subprocess.run(prefix + ["sh", "-c", script], capture_output=True, text=True)
    return None


def full_disk_test(tmp):
    mnt = os.path.join(tmp, "full")
    os.makedirs(mnt)
    diary = os.path.join(mnt, "diary.sqlite")
    big = "x" * 3000
    script = f"""
set -u
mount -t tmpfs -o size=64k tmpfs '{mnt}' || exit 77
export LIMBER_DIARY='{diary}'
i=0
while [ $i -lt 200 ]; do
  if '{limber}' log --session done --note "n$i-{big}" 2>'{tmp}/full.err'; then echo "ok n$i"; else echo "rc $?"; break; fi
  i=$((i+1))
done
cp '{diary}' '{tmp}/full-copy.sqlite'; [ -f '{diary}-wal' ] && cp '{diary}-wal' '{tmp}/full-copy.sqlite-wal'
cat '{tmp}/full.err' >&2
"""
    r = in_namespace(script)
    how = "a 64 KiB tmpfs"
    if r is None or r.returncode == 77:
        # No mount namespace: a file size limit stands in for the full disk.
        how = "RLIMIT_FSIZE"
        os.makedirs(mnt, exist_ok=True)
        lines = []
        for i in range(200):
            def limit():
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
            x = run(diary, "log", "--session", "done", "--note", f"n{i}-{big}", preexec=limit)
            if x.returncode != 0:
                lines.append(f"rc {x.returncode}")
                err = x.stderr
                break
            lines.append(f"ok n{i}")
        shutil.copy(diary, os.path.join(tmp, "full-copy.sqlite"))
        if os.path.exists(diary + "-wal"):
            shutil.copy(diary + "-wal", os.path.join(tmp, "full-copy.sqlite-wal"))
        out = "\n".join(lines)
    else:
        out, err = r.stdout, r.stderr
    if "rc 2" not in out:
        fail(f"full disk ({how}): never exited 2: {out[-200:]} {err}")
    elif not err.startswith(diary + ": error: ") or ("full" not in err and "input/output" not in err):
        fail(f"full disk ({how}): the error does not name the file or say the disk is full: {err.strip()}")
    kept = [l.split()[1] for l in out.splitlines() if l.startswith("ok ")]
    have = {n.split("-")[0] for n in notes(os.path.join(tmp, "full-copy.sqlite"))}
    if any(k not in have for k in kept):
        fail(f"full disk ({how}): an entry that was logged is missing")
    print(f"full disk ({how}): {len(kept)} entries, then exit 2: {err.strip().splitlines()[0]}")


def read_only_test(tmp):
    folder = os.path.join(tmp, "ro")
    os.makedirs(folder)
    diary = os.path.join(folder, "diary.sqlite")
    run(diary, "log", "--session", "done", "--note", "before")
    if os.geteuid() != 0:
        os.chmod(folder, 0o500)
        os.chmod(diary, 0o400)
        expect_refused(diary, "diary")
        expect_refused(os.path.join(folder, "new.sqlite"), "cannot create")
        os.chmod(folder, 0o700)
        print("read-only folder (chmod): exit 2, nothing written")
        return
    before = open(diary, "rb").read()
    script = f"""
mount --bind '{folder}' '{folder}' && mount -o remount,bind,ro '{folder}' || exit 77
LIMBER_DIARY='{diary}' '{limber}' log --session done --note after; echo "rc $?"
LIMBER_DIARY='{folder}/new.sqlite' '{limber}' log --session done --note after; echo "rc $?"
"""
    r = in_namespace(script)
    if r is None or r.returncode == 77:
        print("read-only folder: SKIP (root and no mount namespace)")
        return
    if r.stdout.split() != ["rc", "2", "rc", "2"]:
        fail(f"read-only folder: {r.stdout.strip()} {r.stderr.strip()}")
    errs = r.stderr.strip().splitlines()
    if not any(l.startswith(diary + ": error: ") for l in errs) or \
       not any(l.startswith(folder + "/new.sqlite: error: ") for l in errs):
        fail(f"read-only folder: the errors do not name the files: {r.stderr.strip()}")
    if open(diary, "rb").read() != before or "after" in notes(diary):
        fail("read-only folder: the diary changed")
    print(f"read-only folder: exit 2: {errs[0]}")


def locked_test(tmp):
    diary = os.path.join(tmp, "locked.sqlite")
    run(diary, "log", "--session", "done", "--note", "first")
    db = sqlite3.connect(diary, isolation_level=None)
    db.execute("BEGIN EXCLUSIVE")
    t0 = time.monotonic()
    r = expect_refused(diary, "locked by another program", env={"LIMBER_DIARY_TIMEOUT_MS": "300"})
    waited = time.monotonic() - t0
    db.execute("ROLLBACK")
    db.close()
    if waited < 0.25:
        fail(f"locked: gave up after {waited:.2f} s, before the timeout")
    if notes(diary) != ["first"]:
        fail("locked: the diary changed")
    print(f"locked for long: exit 2 after {waited:.1f} s: {r.stderr.splitlines()[0]}")


def foreign_files_test(tmp):
    junk = os.path.join(tmp, "junk.sqlite")
    with open(junk, "wb") as f:
        f.write(os.urandom(8192))
    expect_refused(junk, "not a limber diary")
    expect_refused(junk, "not a limber diary", "diary")
    text = os.path.join(tmp, "notes.txt")
    with open(text, "w") as f:
        f.write("my notes\n")
    expect_refused(text, "not a limber diary")
    other = os.path.join(tmp, "other.sqlite")
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    expect_refused(other, "not a limber diary")
    newer = os.path.join(tmp, "newer.sqlite")
    run(newer, "log", "--session", "done")
    db = sqlite3.connect(newer)
    db.execute("PRAGMA user_version=99")
    db.commit()
    db.close()
    r = expect_refused(newer, "newer limber")
    expect_refused(newer, "newer limber", "diary")
    print(f"not SQLite, someone else's, newer schema: exit 2, unchanged: {r.stderr.splitlines()[0]}")


def main():
    tmp = tempfile.mkdtemp(prefix="limber-diary-")
    try:
        for test in (foreign_files_test, locked_test, read_only_test, full_disk_test, concurrent_test, kill_test):
            test(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(1 if failures else 0)


main()
