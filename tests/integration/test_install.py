#!/usr/bin/python3
"""The installed layout runs on its own.

`cmake --install --strip` of this build into a staging prefix must put the
core and GUI shared libraries in lib/relaydesk, and the installed executables
must find them there through their RUNPATH ($ORIGIN/../lib/relaydesk), never
in the build tree. The installed relaydeskd then starts and answers SMTP on
loopback, and relaydeskctl and the GUI run their --help.
"""
import os
import shutil
import smtplib
import subprocess
import sys
import unittest

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import relaytest  # noqa: E402

LIBDIR = os.path.join("lib", "relaydesk")
LIBRARIES = ["librelaydesk_%s.so" % name for name in (
    "core", "ui", "service", "delivery", "bounce", "queue", "store", "smtp", "auth", "config",
    "dns", "tls")]


class Install(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.build = os.environ.get("RELAYDESK_BUILD_DIR", "")
        if not os.path.isfile(os.path.join(cls.build, "CMakeCache.txt")):
            raise unittest.SkipTest("RELAYDESK_BUILD_DIR is not a CMake build (%r)" % cls.build)
        cls.tmp = relaytest.TempDir("install")
        cls.prefix = os.path.join(cls.tmp.path, "usr")
        r = subprocess.run(["cmake", "--install", cls.build, "--prefix", cls.prefix, "--strip"],
                           capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            cls.tmp.cleanup()
            raise AssertionError("cmake --install failed:\n" + r.stdout + r.stderr)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def installed(self, *parts):
        path = os.path.join(self.prefix, *parts)
        self.assertTrue(os.path.exists(path), "not installed: " + path)
        return path

    def clean_env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("LD_")}
        env["QT_QPA_PLATFORM"] = "offscreen"
        env["HOME"] = self.tmp.sub("home")
        env["XDG_CONFIG_HOME"] = self.tmp.sub("home", ".config")
        env["XDG_DATA_HOME"] = self.tmp.sub("home", ".local", "share")
        return env

    def test_libraries_are_private_and_found_through_the_runpath(self):
        for lib in LIBRARIES:
            self.installed(LIBDIR, lib)
        libdir = os.path.realpath(os.path.join(self.prefix, LIBDIR))
        build = os.path.realpath(self.build)
        for exe in (("sbin", "relaydeskd"), ("bin", "relaydeskctl"), ("bin", "relaydesk")):
            path = self.installed(*exe)
            r = subprocess.run(["ldd", path], capture_output=True, text=True, env=self.clean_env(),
                               timeout=30)
            self.assertEqual(r.returncode, 0, r.stderr)
            missing = [line.strip() for line in r.stdout.splitlines() if "not found" in line]
            self.assertEqual(missing, [], path)
            ours = [line for line in r.stdout.splitlines() if "librelaydesk_" in line]
            self.assertTrue(ours, "%s links no RelayDesk library:\n%s" % (path, r.stdout))
            for line in ours:
                resolved = os.path.realpath(line.split("=>")[1].split("(")[0].strip())
                self.assertEqual(os.path.dirname(resolved), libdir,
                                 "%s resolves outside the prefix:\n%s" % (path, line))
                self.assertFalse(resolved.startswith(build + os.sep), line)
        # Nothing else lands in the prefix's lib besides systemd's unit.
        self.assertEqual(sorted(os.listdir(os.path.join(self.prefix, "lib"))),
                         ["relaydesk", "systemd"])

    def test_installed_daemon_answers_smtp(self):
        port = relaytest.free_port()
        data = self.tmp.sub("data")
        log = os.path.join(self.tmp.path, "installed-daemon.log")
        daemon = relaytest.Process([self.installed("sbin", "relaydeskd"), "--data-dir", data,
                                    "--listen", "127.0.0.1:%d" % port, "--allow", "127.0.0.0/8",
                                    "--hostname", "installed.test"], log, env=self.clean_env())
        self.addCleanup(daemon.stop)
        def greeting():
            if not daemon.alive():
                raise AssertionError("the installed relaydeskd exited:\n" + daemon.log())
            return relaytest.read_greeting("127.0.0.1", port)

        greeting = relaytest.wait_until(greeting, 30, "the installed relaydeskd's greeting")
        self.assertTrue(greeting.startswith("220 installed.test"), greeting)
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
            code, _ = smtp.ehlo("installer-check.lan")
            self.assertEqual(code, 250)
            self.assertEqual(smtp.noop()[0], 250)

    def test_installed_tools_start(self):
        for exe in (("bin", "relaydeskctl"), ("bin", "relaydesk")):
            r = subprocess.run([self.installed(*exe), "--help"], capture_output=True, text=True,
                               env=self.clean_env(), timeout=60)
            self.assertEqual(r.returncode, 0, "%s --help:\n%s%s" % (exe[1], r.stdout, r.stderr))
            self.assertIn("Usage", r.stdout + r.stderr)


if __name__ == "__main__":
    if not shutil.which("ldd"):
        sys.exit(77)
    relaytest.run_tests()
